// What a unit's IT contact needs to install the add-in, from the server's address alone:
//   GET /manifest.xml   the add-in manifest for the address the server is reached at (https only):
//                       the same file `jixiao manifest --url <that address>` writes
//   GET /ca.crt         the local certificate authority, when the server made its own (no --cert)
// Both public (no token) and linked from the pane's first-run page (docs/workflow.md).
import { Hono } from "hono";
import { manifestXml } from "../cli/manifest.ts";
import { ApiError, errors } from "../errors.ts";
import type { RouteContext } from "./context.ts";
import { attachment } from "./download.ts";

/** The address the request reached, as a proxy in front reports it (X-Forwarded-Proto/Host) or as seen. */
export function reachedAt(url: string, headers: { proto?: string | undefined; host?: string | undefined }): URL {
  const seen = new URL(url);
  const proto = headers.proto?.split(",")[0]?.trim().toLowerCase();
  const host = headers.host?.split(",")[0]?.trim();
  return new URL(`${proto === "https" || proto === "http" ? proto : seen.protocol.slice(0, -1)}://${host || seen.host}`);
}

export function deployRoutes({ caCertificate }: Pick<RouteContext, "caCertificate">) {
  return new Hono()
    .get("/manifest.xml", (c) => {
      const at = reachedAt(c.req.url, { proto: c.req.header("x-forwarded-proto"), host: c.req.header("x-forwarded-host") });
      if (at.protocol !== "https:") {
        throw new ApiError(
          "https_required",
          `加载项清单只提供 https 地址的版本：Office 只从 https 加载任务窗格，请用 https://${at.host}/manifest.xml`,
          `The add-in manifest is served for https addresses only (Office loads a task pane only over https): use https://${at.host}/manifest.xml`,
        );
      }
      c.header("Content-Type", "application/xml; charset=utf-8");
      c.header("Content-Disposition", attachment("jixiao-manifest.xml"));
      c.header("Cache-Control", "no-cache");
      return c.body(manifestXml({ url: at.origin }));
    })
    .get("/ca.crt", (c) => {
      const pem = caCertificate();
      if (!pem) throw errors.notFound();
      c.header("Content-Type", "application/x-x509-ca-cert");
      c.header("Content-Disposition", attachment("jixiao-ca.crt"));
      c.header("Cache-Control", "no-cache");
      return c.body(pem);
    });
}

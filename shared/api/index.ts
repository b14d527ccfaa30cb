// The HTTP contract, once (docs/api.md): the schemas of every body the pane and the CLI send and
// receive, the error codes, and a form's identity. Both sides import from here.
export * from "./check-result.ts";
export * from "./consolidated.ts";
export * from "./cycle.ts";
export * from "./disclosure.ts";
export * from "./documents.ts";
export * from "./events.ts";
export * from "./endpoints.ts";
export * from "./errors.ts";
export * from "./form-id.ts";
export * from "./library.ts";
export * from "./params.ts";
export * from "./report.ts";
export * from "./session.ts";
export * from "./submissions.ts";
export * from "./treasury.ts";
export * from "./experts.ts";
export * from "./opinions.ts";

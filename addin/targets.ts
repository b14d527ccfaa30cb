// The browsers the pane's bundle is built for (addin/vite.config.ts), and why each:
// - chrome100 / edge100: WebView2 (Microsoft 365, Office 2021+ and retail 2016/2019 with the
//   runtime installed) is evergreen; Excel on the web runs in the bureau's browser.
// - safari15.4: Office on Mac runs add-ins in WKWebView, the system Safari's engine; the shared
//   code calls Object.hasOwn and structuredClone, which WebKit has from Safari 15.4 (macOS 12.3, or
//   Safari 15.4 installed on macOS 11). An older webview gets taskpane.html's message, not a blank
//   pane (its ES5 check tests the same functions). test/addin/bundle-targets.test.ts holds the
//   built files to these targets; docs/hosts.md has the table per Office version.
export const browserTargets = ["chrome100", "edge100", "safari15.4"];

// Errors thrown in a harness page, kept on window for a driver with no page-error event (WebKitGTK's classic
// WebDriver). A call, not a bare import: the package declares only its CSS as having side effects.
export function collectPageErrors(): void {
  const pageErrors: string[] = [];
  Object.assign(window, { pageErrors });
  addEventListener('error', (e) => pageErrors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));
}

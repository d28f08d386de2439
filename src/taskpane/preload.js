// Runs before office.js. In the workbench (a same-origin parent that offers budgetkollWorkbench),
// office.js must not treat the frame as an unhosted add-in and blank it; OsfOptOut is office.js's
// switch for that. Inside Excel on the web the parent is cross-origin, the access throws, and
// nothing changes. A file, not an inline script, so the Content-Security-Policy allows it.
/* global window */
try {
  if (window.parent !== window && window.parent.budgetkollWorkbench) window.OsfOptOut = true;
} catch {
  // A cross-origin parent: not the workbench.
}

// Apply the remembered color mode before first paint (same storage as state/color-mode.ts).
(() => {
  try {
    const modes = JSON.parse(localStorage.getItem("pulse8.color-mode") || "{}").state || {};
    const user = (JSON.parse(localStorage.getItem("pulse8.session") || "{}").state || {}).user;
    const mode = user ? modes.byUser?.[user.id] : modes.last;
    if (mode === "light" || mode === "dark" || mode === "system") document.documentElement.dataset.theme = mode;
  } catch {
    // no storage (private mode) or unreadable: the system's mode applies
  }
})();

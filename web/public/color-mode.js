// Apply the remembered color mode before first paint (same storage as state/color-mode.ts).
try {
  var modes = (JSON.parse(localStorage.getItem("pulse8.color-mode") || "{}").state) || {};
  var user = ((JSON.parse(localStorage.getItem("pulse8.session") || "{}").state) || {}).user;
  var mode = user ? modes.byUser && modes.byUser[user.id] : modes.last;
  if (mode === "light" || mode === "dark" || mode === "system") document.documentElement.dataset.theme = mode;
} catch (e) {}

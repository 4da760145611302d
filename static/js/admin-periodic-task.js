// django-celery-beat's periodic task form (templates/admin/djcelery/change_periodictask_form.html):
// shows the chosen crontab in words below the field, as the package's blocked inline script did.
document.addEventListener("DOMContentLoaded", () => {
  const data = document.getElementById("readable-crontabs");
  const select = document.getElementById("id_crontab");
  const help = document.querySelector(".field-crontab .help");
  if (!data || !select) {
    return;
  }
  const readable = JSON.parse(data.textContent);
  const original = help ? help.textContent : "";
  document.querySelectorAll(".field-crontab_translation").forEach((row) => {
    row.hidden = true;
  });
  select.addEventListener("change", () => {
    if (help) {
      help.textContent = `${original} — ${readable[select.value] || ""}`;
    }
  });
});

// The admin export page's "Select all" toggle (templates/admin/import_export/export.html): the
// page's inline onchange handler is blocked by the Content-Security-Policy, so it is bound here.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((checkbox) => {
          checkbox.checked = toggle.checked;
        });
    });
  });
});

// Progressive enhancement only: the pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-print").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () { window.print(); });
  });
  var err = document.getElementById("errors");
  if (err) { err.focus(); }
});

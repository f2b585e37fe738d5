// Shows what the form would submit: the editors take part like textareas.
const form = document.getElementById('cms-form');
const out = document.getElementById('submitted');
form.addEventListener('submit', (e) => {
  e.preventDefault();
  out.textContent = JSON.stringify(Object.fromEntries(new FormData(form)), null, 2);
});

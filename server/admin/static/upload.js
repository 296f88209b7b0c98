// Uploads the contact list as the request body with the CSRF header and shows a refusal in place,
// then opens the import's result page. Without JavaScript the form posts the same file as multipart
// to the page route, which answers with the result page or a refusal page.
const form = document.querySelector('form[data-upload]');
if (form) {
  const input = form.querySelector('input[type=file]');
  const error = form.querySelector('#fil-error');
  const button = form.querySelector('button[type=submit]');
  const show = (text) => {
    error.textContent = text;
    error.hidden = !text;
    form.querySelector('.form-group').classList.toggle('form-error', !!text);
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) {
      show('Vælg den udfyldte kontaktliste.');
      input.focus();
      return;
    }
    show('');
    button.disabled = true;
    try {
      const onlyValid = form.querySelector('#kunGyldige').checked ? '?onlyValid=true' : '';
      const res = await fetch(form.dataset.upload + onlyValid, {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'x-csrf-token': form.querySelector('input[name=_csrf]').value,
          'x-filnavn': encodeURIComponent(file.name),
        },
        body: file,
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok && body.import) {
        window.location.assign(form.dataset.result + encodeURIComponent(body.import.id));
        return;
      }
      show(body.message || 'Filen kunne ikke uploades. Prøv igen.');
      input.focus();
    } catch {
      show('Forbindelsen til serveren svigtede. Prøv igen.');
    } finally {
      button.disabled = false;
    }
  });
}

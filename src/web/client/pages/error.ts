// The error page (403, 404): only the header's sign-out button needs a script.
document.getElementById('sign-out')?.addEventListener('click', () => {
  void import('../api.js').then(({ post }) =>
    post('/api/v1/auth/sign-out')
      .catch(() => undefined)
      .finally(() => location.assign('/sign-in')),
  );
});

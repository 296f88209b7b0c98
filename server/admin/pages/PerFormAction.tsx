import type { ReactNode } from 'react';

/**
 * One form of a respondent page's section that acts on one of the round's forms: it posts the CSRF
 * token and the form's name with what the fieldset holds, under a legend naming the form.
 */
export function PerFormAction({ action, csrfToken, formName, title, children }: { action: string; csrfToken: string; formName: string; title: string; children: ReactNode }) {
  return (
    <form method="post" action={action} noValidate className="mt-6">
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name="formName" value={formName} />
      <fieldset>
        <legend className="h3">{title}</legend>
        {children}
      </fieldset>
    </form>
  );
}

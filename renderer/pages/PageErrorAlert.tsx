/**
 * The error summary of a small page form (login, password): a heading and one message linking to
 * the field, focusable so the page can move focus to it.
 */
export function PageErrorAlert({ heading, message, field }: { heading: string; message: string; field: string }) {
  return (
    <div className="alert alert-error mb-6" role="alert" tabIndex={-1} data-module="error-summary">
      <div className="alert-body">
        <h2 className="alert-heading">{heading}</h2>
        <ul className="alert-text nobullet-list">
          <li>
            <a href={`#${field}`} className="function-link">
              {message}
            </a>
          </li>
        </ul>
      </div>
    </div>
  );
}

import { useContext, type ReactNode } from 'react';
import { ShellContext } from './shell.ts';
import { ReceiptFactsList, type ReceiptFacts } from './ReceiptPage.tsx';

/**
 * The receipt as a self-contained document for Chromium to print: its stylesheet inline (it is
 * loaded from no server), no scripts, no header or navigation.
 */
export function ReceiptDocument({ facts, answers, css }: { facts: ReceiptFacts; answers: ReactNode; css: string }) {
  const shell = useContext(ShellContext);
  return (
    <html lang="da">
      <head>
        <meta charSet="utf-8" />
        <title>{`Kvittering – ${facts.formTitle} – ${facts.organisation}`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <p className="authority">{shell.authority}</p>
        <h1>Kvittering for indberetning</h1>
        <p className="lead">{`${facts.formTitle}. Modtaget ${facts.submittedAt}.`}</p>
        <ReceiptFactsList facts={facts} />
        <h2>Det indsendte</h2>
        {answers}
      </body>
    </html>
  );
}

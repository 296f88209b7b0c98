/** Page shells in the dkfds design, rendered to static HTML on the server. */
export { Layout, type HeaderUser, type LayoutProps } from './Layout.tsx';
export { commonShell, DEFAULT_SHELL, ShellContext, shellOf, type Shell } from './shell.ts';
export { StepIndicator, type Step } from './StepIndicator.tsx';
export { LoginPage, type LoginPageProps } from './LoginPage.tsx';
export { PageErrorAlert } from './PageErrorAlert.tsx';
export { TextField, type TextFieldProps } from './TextField.tsx';
export { HomePage, type HomeForm, type HomePageProps, type HomeRound } from './HomePage.tsx';
export { FormPage, type FormPageProps } from './FormPage.tsx';
export { ReviewPage, type ReviewPageProps } from './ReviewPage.tsx';
export { ReceiptPage, ReceiptFactsList, type ReceiptFacts, type ReceiptPageProps } from './ReceiptPage.tsx';
export { ReceiptDocument } from './ReceiptDocument.tsx';
export { MessagePage } from './MessagePage.tsx';
export { PasswordPage } from './PasswordPage.tsx';
export { SecondFactorPage, type SecondFactorPageProps } from './SecondFactorPage.tsx';
export { TotpPage, type TotpPageProps, type TotpPageView } from './TotpPage.tsx';

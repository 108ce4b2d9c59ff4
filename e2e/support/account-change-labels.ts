/**
 * The names issue 16 §2 and §3 add to the QA contract (README "QA"), written out here so that a
 * change to the catalogues that breaks them fails the tests. Beside labels.ts, in both languages.
 */
export const accountChangeLabels = {
  en: {
    changePassword: "Change password",
    currentPassword: "Current password",
    newPassword: "New password",
    changeEmail: "Change email address",
    newEmail: "New email address",
    sendConfirmationLink: "Send confirmation link",
    confirmEmail: "Confirm email address",
    codeLabel: "Security code or backup code",
    passwordChanged: "Your password has been changed. Your other sessions have been ended.",
    linkSent: "We sent a confirmation link to the new address.",
    emailChanged: "Your email address has been changed.",
    invalidLink: "This link is invalid or has expired. Ask for a new one in Personal settings.",
    invalidPassword: "The current password is incorrect. Nothing was changed.",
    invalidPasswordOrCode: "The current password or the code is incorrect. Nothing was changed.",
    codeRequired: "Enter a security code or backup code as well: you logged in more than 10 minutes ago.",
    passwordChangedEvent: "Password changed",
    emailChangedEvent: "Email address changed",
  },
  ja: {
    changePassword: "パスワードを変更する",
    currentPassword: "現在のパスワード",
    newPassword: "新しいパスワード",
    changeEmail: "メールアドレスを変更する",
    newEmail: "新しいメールアドレス",
    sendConfirmationLink: "確認リンクを送信する",
    confirmEmail: "メールアドレスを確認する",
    codeLabel: "セキュリティコードまたはバックアップコード",
    passwordChanged: "パスワードを変更しました。他のセッションはすべて終了しました。",
    linkSent: "新しいメールアドレスに確認リンクを送信しました。",
    emailChanged: "メールアドレスを変更しました。",
    invalidLink: "このリンクは無効か、有効期限が切れています。個人設定からもう一度申請してください。",
    invalidPassword: "現在のパスワードが正しくありません。変更は行われていません。",
    invalidPasswordOrCode: "現在のパスワードまたはコードが正しくありません。変更は行われていません。",
    codeRequired: "ログインから10分以上経過しているため、セキュリティコードまたはバックアップコードも入力してください。",
    passwordChangedEvent: "パスワードを変更",
    emailChangedEvent: "メールアドレスを変更",
  },
} as const;

export type AccountChangeLabels = (typeof accountChangeLabels)[keyof typeof accountChangeLabels];

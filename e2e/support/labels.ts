import type { TestInfo } from "@playwright/test";

/**
 * The accessible names of SPEC §3 (the QA contract) and the help page's Japanese words,
 * written out here on purpose: a change to the message catalogues that breaks the contract
 * must fail these tests.
 */
export const labels = {
  en: {
    emailAddress: "Email address",
    password: "Password",
    createAccount: "Create account",
    logIn: "Log in",
    securityCode: "Security code",
    backupCode: "Backup code",
    logInWithBackupCode: "Log in with a backup code",
    mainMenu: "Main menu",
    personalSettings: "Personal settings",
    logOut: "Log out",
    setUpTwoFactor: "Set up two-factor authentication",
    enabled: "Enabled",
    disabled: "Disabled",
    qrCode: "QR code",
    account: "Account",
    key: "Key",
    verify: "Verify",
    enabledNotice: "Two-factor authentication has been enabled.",
    downloadBackupCodes: "Download backup codes",
    disable: "Disable",
    ok: "OK",
    setupTitle: "Enable two-factor authentication",
    invalidCredentials: "The email address or password is incorrect.",
    invalidSecurityCode: "That security code is not valid",
    invalidBackupCode: "That backup code is not valid or has already been used.",
    remaining: (remaining: number) => `${remaining} of 10 backup codes left`,
    googleAuthenticator: "iOS: Google Authenticator",
  },
  ja: {
    emailAddress: "メールアドレス",
    password: "パスワード",
    createAccount: "アカウントを作成",
    logIn: "ログイン",
    securityCode: "セキュリティコード",
    backupCode: "バックアップコード",
    logInWithBackupCode: "バックアップコードを使用してログインする",
    mainMenu: "メインメニュー",
    personalSettings: "個人設定",
    logOut: "ログアウト",
    setUpTwoFactor: "2要素認証を設定する",
    enabled: "有効",
    disabled: "無効",
    qrCode: "QRコード",
    account: "アカウント",
    key: "キー",
    verify: "認証する",
    enabledNotice: "2要素認証が有効化されました。",
    downloadBackupCodes: "バックアップコードをダウンロード",
    disable: "解除する",
    ok: "OK",
    setupTitle: "2要素認証有効化",
    invalidCredentials: "メールアドレスまたはパスワードが正しくありません。",
    invalidSecurityCode: "セキュリティコードが正しくありません",
    invalidBackupCode: "バックアップコードが正しくないか、すでに使用されています。",
    remaining: (remaining: number) => `バックアップコード残り ${remaining} / 10 個`,
    googleAuthenticator: "iOSをお使いの方: Google Authenticator",
  },
} as const;

export type Labels = (typeof labels)[keyof typeof labels];

export function labelsFor(testInfo: TestInfo): Labels {
  return testInfo.project.name === "ja" ? labels.ja : labels.en;
}

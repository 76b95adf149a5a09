/** 実機の認証器まわりの日本語メッセージ。キーは caps.en.ts と同じ（型で強制）。 */
import type { Catalog } from '@decode/messages/i18n.ts';
import type { capsEn } from './caps.en.ts';

export const capsJa: Catalog<typeof capsEn> = {
  'nav.autofill': '自動入力サインイン',

  // ---- 機能パネル ----
  'caps.title': 'このブラウザー',
  'caps.uvpaa': 'プラットフォーム認証器（UV）',
  'caps.uvpaaTitle':
    'isUserVerifyingPlatformAuthenticatorAvailable()：ユーザー検証のできる内蔵認証器（Windows Hello、Touch ID、Android の画面ロックなど）があるか',
  'caps.conditional': '自動入力サインイン',
  'caps.conditionalTitle':
    'isConditionalMediationAvailable()：サインインでパスキーをブラウザーの自動入力候補に出せるか（mediation: "conditional"）',
  'caps.clientCaps': '機能一覧',
  'caps.clientCapsTitle': 'getClientCapabilities()：ブラウザー自身が申告する WebAuthn クライアントの対応機能',
  'caps.summary': '{total} 件中 {yes} 件が対応',
  'caps.yes': 'はい',
  'caps.no': 'いいえ',
  'caps.missing': 'このブラウザーでは使えません',
  'caps.missingShort': '未対応',
  'caps.error': 'エラー：{message}',
  'caps.pending': '確認中…',
  'caps.raw': 'はい／いいえ以外の答え：{raw}',
  'caps.details': '詳細',
  'caps.recheck': '再確認',
  'caps.dialogTitle': 'このブラウザーの WebAuthn 対応状況',
  'caps.dialogIntro':
    'このページでいまブラウザーに問い合わせた、WebAuthn の機能照会の答えです。RP ではなく、このブラウザー（またはデスクトップアプリのウィンドウ）と、そこにつながっている認証器についての情報です。',
  'caps.close': '閉じる',
  'caps.method.gcc': 'PublicKeyCredential.getClientCapabilities()',
  'caps.method.gccMeaning':
    'ブラウザーが返したキーをすべて、返されたとおりに表示します。キーがないのは「申告なし」という意味で、「いいえ」とは違います。',
  'caps.method.uvpaa': 'PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable()',
  'caps.method.uvpaaMeaning':
    '生体認証や端末の PIN でユーザーを検証できるプラットフォーム認証器（Windows Hello、Touch ID、Android や iOS の画面ロック）が使えるときに true になります。macOS のデスクトップアプリでは、Touch ID を設定していない限り（署名済みビルドのみ）false のままです。',
  'caps.method.conditional': 'PublicKeyCredential.isConditionalMediationAvailable()',
  'caps.method.conditionalMeaning':
    'navigator.credentials.get({ mediation: "conditional" }) に対応しているときに true になります。autocomplete="username webauthn" を付けた入力欄の自動入力候補にパスキーを出せます。',
  'caps.col.key': 'キー',
  'caps.col.value': '答え',
  'caps.col.meaning': '意味（仕様）',
  'caps.group.capability': 'WebAuthn Level 3 のクライアント機能',
  'caps.group.proposed': '提案段階（Level 3 には含まれない）',
  'caps.group.unknown': 'WebAuthn Level 3 で定義されていないもの',
  'caps.group.extension': 'クライアントが処理できる拡張',
  'caps.disagree':
    'getClientCapabilities() では {capability} = {a} ですが、{method}() は {b} を返しました。仕様上は同じ答えになるはずです。',
  'caps.noWebauthn': 'ここでは WebAuthn を使えません：window.PublicKeyCredential がありません。',
  'caps.insecure': 'このページは安全なコンテキストではないため、WebAuthn が無効です。http://localhost で開いてください。',
  'caps.empty': 'getClientCapabilities() は空のレコードを返しました。',
  'caps.spec': '仕様',

  'caps.meaning.conditionalCreate':
    'mediation: "conditional" での登録：ユーザーがパスワードでサインインした直後に、ブラウザーやパスワードマネージャーがダイアログを出さずにパスキーを作成できます。',
  'caps.meaning.conditionalGet':
    'mediation: "conditional" でのサインイン（パスキーの自動入力）。isConditionalMediationAvailable() と同じ問いです。',
  'caps.meaning.hybridTransport':
    'ハイブリッドトランスポート：QR コードの読み取りと Bluetooth による近接確認で、スマートフォンやタブレットを認証器として使えます。',
  'caps.meaning.passkeyPlatformAuthenticator':
    'パスキー対応のプラットフォーム認証器を、この端末で、またはハイブリッド経由で使えます。iCloud キーチェーン、Google パスワード マネージャー、Windows Hello のように、ユーザー検証ができ、発見可能なクレデンシャルを扱える認証器です。',
  'caps.meaning.userVerifyingPlatformAuthenticator':
    'ユーザー検証のできるプラットフォーム認証器がこの端末にあります。isUserVerifyingPlatformAuthenticatorAvailable() と同じ問いです。',
  'caps.meaning.relatedOrigins':
    '関連オリジンリクエスト：RP が https://<rpId>/.well-known/webauthn に列挙した別のオリジンからも、その RP ID を使えます。',
  'caps.meaning.signalAllAcceptedCredentials':
    'PublicKeyCredential.signalAllAcceptedCredentials()：ユーザーのクレデンシャル ID のうち有効なものを RP が認証器に伝え、古いパスキーを隠したり削除したりできます。',
  'caps.meaning.signalCurrentUserDetails':
    'PublicKeyCredential.signalCurrentUserDetails()：パスキーに保存されたユーザー名と表示名を RP が更新できます。',
  'caps.meaning.signalUnknownCredential':
    'PublicKeyCredential.signalUnknownCredential()：RP が認識しない（削除済みなどの）クレデンシャル ID を伝え、認証器がそれを隠したり削除したりできます。',
  'caps.meaning.immediateGet':
    'mediation: "immediate" での get()：この端末に使えるクレデンシャルがなければ、ダイアログを出さずにすぐ NotAllowedError で失敗します（検討中の提案で、Level 3 には含まれません）。',
  'caps.meaning.unknown': 'WebAuthn Level 3 で定義されていない、ブラウザー独自の機能です（{key}）。',

  'caps.ext.appid': 'FIDO AppID（appid）：旧 U2F JavaScript API で登録したクレデンシャルでサインインできます。',
  'caps.ext.appidExclude': 'FIDO AppID 除外（appidExclude）：旧 U2F のクレデンシャルをすでに持つキーの再登録を防ぎます。',
  'caps.ext.credBlob': 'credBlob（CTAP 2.1）：新しい発見可能なクレデンシャルに小さなデータを保存します。',
  'caps.ext.credProps': 'クレデンシャルプロパティ（credProps）：作成したクレデンシャルが発見可能（rk）かどうかをクライアントが報告します。',
  'caps.ext.credentialProtectionPolicy':
    'credProtect（CTAP 2.1）：クレデンシャルを明かす前に、ユーザー検証や許可リストを必須にするよう認証器に求めます。',
  'caps.ext.enforceCredentialProtectionPolicy':
    'credProtect の強制：認証器が求められた保護ポリシーを適用できないときは登録を失敗させます。',
  'caps.ext.getCredBlob': 'getCredBlob（CTAP 2.1）：credBlob で保存したデータをサインイン時に読み出します。',
  'caps.ext.hmacCreateSecret':
    'hmac-secret（CTAP 2）：対称鍵のシークレット付きでクレデンシャルを作り、サインイン時に鍵を導出できます（prf の土台）。',
  'caps.ext.largeBlob': '大容量 blob ストレージ（largeBlob）：クレデンシャルに結び付いた、より大きなデータを読み書きします。',
  'caps.ext.minPinLength': 'minPinLength（CTAP 2.1）：認証器が現在の PIN の最小長を RP に報告します。',
  'caps.ext.payment': 'Secure Payment Confirmation（payment）：そのクレデンシャルで他のサイトでの支払いを確認できます。',
  'caps.ext.prf': '疑似乱数関数（prf）：クレデンシャルから安定したシークレットを導出します。エンドツーエンド暗号化などに使えます。',
  'caps.ext.unknown': 'クライアントは「{id}」拡張を処理できます。',

  // ---- 「システムのブラウザーで開く」 ----
  'handoff.open': 'システムのブラウザーで開く',
  'handoff.openTitle':
    'このセレモニーの設定を、同じローカル RP のまま既定のブラウザー（Safari、Chrome、Edge、Firefox）に引き継ぎます。iCloud キーチェーン、Google パスワード マネージャー、パスワードマネージャーのパスキー、ハイブリッド（QR コード）でのスマートフォンを試せます。結果はこちらにもリアルタイムで表示されます。',
  'handoff.openTab': '新しいタブで開く',
  'handoff.openTabTitle':
    'このセレモニーの設定を、同じローカル RP の新しいタブに引き継ぎます。結果はイベントストリームを通じてこちらにも表示されます。',
  'handoff.working': '引き継ぎ中…',
  'handoff.opened': '開きました。そちらでセレモニーを実行すると、結果がこちらの履歴にも表示されます。リンク：',
  'handoff.blocked': 'ブラウザーが新しいタブを開くのをブロックしました。次のリンクを自分で開いてください：',
  'handoff.failed': '設定を引き継げませんでした：{message}',
  'handoff.expires': 'このリンクは {time} まで有効です。',
  'handoff.loading': '別のウィンドウから引き継いだセレモニー設定を読み込んでいます…',
  'handoff.loaded':
    '別のウィンドウから引き継いだセレモニー設定を読み込みました。ここで登録やサインインを行うと、結果は元のウィンドウにも表示されます。',
  'handoff.loadFailed': '引き継いだ設定を読み込めませんでした：{message}',
  'handoff.dismiss': '閉じる',

  // ---- Touch ID のアカウント選択（Electron、select-webauthn-account） ----
  'account.title': 'パスキーを選択',
  'account.intro':
    '{rp} がパスキーを求めています。この Mac の Touch ID パスキーのうち {n} 件が該当します。サインインに使うアカウントを選んでください。',
  'account.noName': '（ユーザー名なし）',
  'account.handle': 'ユーザーハンドル {handle}',
  'account.credential': 'クレデンシャル {id}',
  'account.use': '{name} としてサインイン',
  'account.cancel': 'サインインをキャンセル',

  // ---- 自動入力サインイン（条件付きメディエーション） ----
  'autofill.title': '自動入力サインイン（条件付きメディエーション）',
  'autofill.intro':
    'ウェブサイトが実際に作るのと同じ形のサインインフォームです。ユーザー名の入力欄には autocomplete="username webauthn" が付いていて、ページを読み込むとすぐに、許可リストを空にした navigator.credentials.get({ mediation: "conditional" }) を開始します。ダイアログは出ません。ブラウザーはこの RP のパスキーを入力欄の自動入力候補に表示し、そこで選ぶとサインインが完了します。RP はそれを通常のサインインと同じように検証します。',
  'autofill.how': '何が起きているか',
  'autofill.how1':
    'ビルダーの設定で、許可リストをオフにして POST /api/authentication/options を呼びます。RP は発見可能なクレデンシャルによるサインイン用のチャレンジを発行します。',
  'autofill.how2':
    'mediation "conditional" の navigator.credentials.get() は、ユーザーが入力欄の自動入力候補からパスキーを選ぶまで、ダイアログを出さずに待ちます。',
  'autofill.how3':
    '選ばれたパスキーがチャレンジに署名し、その応答を POST /api/authentication/verify に送ります。結果は開いているすべてのウィンドウの履歴に載ります。',
  'autofill.how4':
    'このビューを離れると、待機中のリクエストを中止し（AbortController）、AbortError として記録します。リクエストが放置されることはありません。',
  'autofill.username': 'ユーザー名',
  'autofill.placeholder': 'ここをクリックしてパスキーを選択',
  'autofill.fieldHint':
    '入力欄にフォーカスすると、保存済みのパスワードと一緒にこの RP のパスキーが候補に並びます。ユーザー名の入力は不要です。誰なのかはパスキーが RP に伝えます。',
  'autofill.unsupported':
    'このブラウザーは条件付きメディエーションに対応していません（isConditionalMediationAvailable() の答え：{answer}）。代わりにセレモニービューの「サインイン」を使ってください。',
  'autofill.noWebauthn': 'このページでは WebAuthn を使えません。',
  'autofill.state.idle': '未開始',
  'autofill.state.options': 'RP にオプションを問い合わせています…',
  'autofill.state.waiting': '自動入力候補からパスキーが選ばれるのを待っています',
  'autofill.state.verifying': 'RP でアサーションを検証しています…',
  'autofill.state.verified': 'サインインしました',
  'autofill.state.failed': 'RP がアサーションを拒否しました',
  'autofill.state.client-error': 'ブラウザーがリクエストを終了しました',
  'autofill.state.request-error': 'RP へのリクエストが失敗しました',
  'autofill.waitingSince': '待機開始',
  'autofill.user': 'サインインしたユーザー',
  'autofill.credential': 'クレデンシャル',
  'autofill.flags': 'フラグ',
  'autofill.restart': 'もう一度開始',
  'autofill.openInCeremony': 'セレモニービューで開く',
  'autofill.optionsJson': 'get() に渡したオプション',
  'autofill.timeoutNote': 'チャレンジの有効期限（{minutes} 分）が来るとリクエストを更新するので、入力欄は使える状態のままです。',
};

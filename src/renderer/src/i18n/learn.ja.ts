/** 学習モードのメッセージ（日本語）。../i18n/ja.ts に展開される。キーは ./learn.en.ts と同じ（型で強制）。 */
import type { Catalog } from '@decode/messages/i18n.ts';
import type { learnEn } from './learn.en.ts';

export const learnJa: Catalog<typeof learnEn> = {
  'nav.learn': '学ぶ',

  'learn.title': '学ぶ：パスキーを一歩ずつ',
  'learn.stepsLabel': 'ウォークのステップ',
  'learn.progress': 'ステップ {n}／{total}',
  'learn.progressLabel': 'ウォークの進み具合',
  'learn.announce': 'ステップ {n}／{total}：{title}',
  'learn.part.intro': 'はじめに',
  'learn.part.registration': '登録',
  'learn.part.authentication': 'サインイン',
  'learn.part.done': 'まとめ',
  'learn.prev': '前へ',
  'learn.next': '次へ',
  'learn.restart': '最初から',
  'learn.finish': '完了',
  'learn.retry': '新しいオプションを取得してやり直す',
  'learn.whatHappened': 'いま何が起きたか',
  'learn.whatWillHappen': 'これから起きること',
  'learn.whyItMatters': 'なぜ大切か',
  'learn.yourData': 'あなたのセレモニーの実データ',
  'learn.nextDoes': '「次へ」で',
  'learn.notReached': 'まだ到達していません',

  'learn.running.regOptions': 'RP に登録オプションを要求しています…',
  'learn.running.create': '認証器の応答を待っています。タッチするか、PIN または生体認証で確認してください…',
  'learn.running.regVerify': 'RP が応答を検証しています…',
  'learn.running.authOptions': 'RP にサインインのオプションを要求しています…',
  'learn.running.get': '認証器の応答を待っています。サインインを確認してください…',
  'learn.running.authVerify': 'RP が署名を検証しています…',

  'learn.then.regOptions': 'RP に登録オプションを要求します（POST /api/registration/options）。',
  'learn.then.create':
    'このオプションを渡して navigator.credentials.create() を呼びます。認証器がタッチ、または PIN・生体認証による確認を求めます。',
  'learn.then.regVerify': '応答を RP に送ります（POST /api/registration/verify）。RP は手順どおりに一つずつ検証します。',
  'learn.then.authOptions': 'RP にサインインのオプションを要求します（POST /api/authentication/options）。',
  'learn.then.get': 'navigator.credentials.get() を呼びます。認証器がもう一度確認を求めます。',
  'learn.then.authVerify': '署名付きのアサーションを RP に送ります（POST /api/authentication/verify）。',
  'learn.then.retry': 'まず新しいオプションを要求します。失敗した試行でチャレンジが使用済みになったためです。',
  'learn.then.go': 'すでに得たデータの続きを表示します。何も送信しません。',

  'learn.error.title': 'セレモニーはここで止まりました',
  'learn.error.recorded': 'RP はこの試行を記録しました。履歴に残っています。',
  'learn.error.NotAllowedError':
    '認証器またはブラウザーが拒否しました。キャンセルした、時間切れになった、または認証器がオプションの要求（ユーザー検証など）に対応していない、のいずれかです。プライバシー保護のため、ブラウザーはこれらをすべて同じエラーで返します。',
  'learn.error.InvalidStateError':
    'この認証器には、RP が excludeCredentials に挙げた、このユーザーのクレデンシャルがすでにあります。別のユーザー名で最初からやり直してください。',
  'learn.error.SecurityError':
    'ページのオリジンが RP ID に合わないため、ブラウザーが拒否しました。アプリを http://localhost:<ポート> で開いてください。',
  'learn.error.NotSupportedError': 'このブラウザーまたは認証器は、オプションが求める内容（アルゴリズムなど）に対応していません。',
  'learn.error.AbortError': '呼び出しはキャンセルされました。',
  'learn.error.TimeoutError': '認証器が時間内に応答しませんでした。',
  'learn.error.other': '呼び出しに失敗しました：{name}。',
  'learn.error.api': 'RP が要求を拒否しました（{name}）。',
  'learn.blocked.registration-failed':
    'RP がこの登録を拒否したため、サインインに使うクレデンシャルがありません。ユーザー検証を「preferred」にする、別の認証器を使うなどして、最初からやり直してください。',
  'learn.blocked.sign-in-failed': 'RP がこのサインインを拒否しました。失敗したチェックを上に示しています。最初からやり直してください。',

  'learn.setup.title': 'このウォークの設定',
  'learn.setup.userName': 'このパスキーのユーザー名',
  'learn.setup.userNameHint': 'ローカル RP にだけ保存され、クレデンシャルと履歴の一覧に表示されます。',
  'learn.setup.attestation': 'アテステーション',
  'learn.setup.attestation.direct': 'direct — 認証器に自身が何者かを示してもらう',
  'learn.setup.attestation.none': 'none — 求めない',
  'learn.setup.userVerification': 'ユーザー検証',
  'learn.setup.uv.preferred': 'preferred — 認証器が可能なら検証する',
  'learn.setup.uv.required': 'required — UV のない応答は拒否する',
  'learn.setup.uv.discouraged': 'discouraged — タッチだけでよい',
  'learn.setup.authenticator':
    '認証器を用意してください。この端末の認証器（Windows Hello、Touch ID、Android）、セキュリティキー、スマートフォンのどれでも構いません。ブラウザーが提示するものを使います。',
  'learn.setup.locked': 'この設定は進行中のセレモニーに使われています。変更するには「最初から」を押してください。',

  'learn.step.intro.title': 'パスキーを一歩ずつ',
  'learn.step.intro.what':
    'これから、このアプリの中で動いているリライングパーティ（RP）にパスキーを登録し、続けてそのパスキーでサインインします。各ステップの後で一時停止し、あなた自身のセレモニーの実データを示します。RP が送ったオプション、認証器が返したもの、そして RP がそれをどう検証したかです。',
  'learn.step.intro.why':
    'パスキーは鍵ペアです。登録では公開鍵を RP に渡し、サインインでは秘密鍵をまだ持っていることを、秘密鍵を送らずに証明します。この後のステップはすべて、その証明が新しく、このサイトに結び付き、あなた自身によるものであることを確かめるためにあります。',

  'learn.step.reg-options.title': 'RP がチャレンジを送る',
  'learn.step.reg-options.what':
    'ブラウザーが RP に登録オプションを要求しました。RP は、自分が誰か（rp.id）、あなたが誰か（user）、受け入れる鍵のアルゴリズム、認証器への要求、そしてランダムなチャレンジを返しました。RP はこのチャレンジを、このセレモニーのためだけに覚えています。',
  'learn.step.reg-options.why':
    'チャレンジがセレモニーを新しいものにします。応答にはこのチャレンジが署名付きで含まれ、RP は各チャレンジを一度だけ、期限内に限って受け入れます。以前に記録された応答やログからコピーされた応答は再利用（リプレイ）できません。そのチャレンジは使用済みか、未知のものだからです。',

  'learn.step.reg-keys.title': '認証器が鍵ペアを作った',
  'learn.step.reg-keys.what':
    '認証器は {rpId} 用の新しい鍵ペアを生成し、クレデンシャル ID と公開鍵を返しました。秘密鍵は認証器の中で作られ、応答には含まれていません。',
  'learn.step.reg-keys.why':
    'これがパスキーの核心です。デバイス側の鍵（秘密鍵）は認証器から決して出ません。ブラウザーにも RP にも渡りません。サーバー側の鍵は公開鍵で、RP が保存するのはそれだけです。RP のデータベースが漏えいしても、サインインに使えるものは何もなく、フィッシングで盗める共有の秘密もありません。',

  'learn.step.reg-client-data.title': '応答はこのサイトに結び付いている',
  'learn.step.reg-client-data.what':
    'ブラウザーが clientDataJSON を書きました。セレモニーの種類、受け取ったチャレンジ、そして要求したページのオリジンです。認証器は RP ID の SHA-256（rpIdHash）を認証器データに入れました。',
  'learn.step.reg-client-data.why':
    'これがフィッシングが失敗する理由です。オリジンはページではなくブラウザーが書くので、そっくりな偽サイトでは偽サイト自身のオリジンがここに入り、RP は自分以外のオリジンをすべて拒否します。さらに認証器はクレデンシャルを一つの RP ID に限定するので、別のサイトではこのパスキーを提示すらしません。ワンタイムコードは偽サイトに中継されてしまいますが、パスキーは中継できません。',

  'learn.step.reg-flags.title': 'その場にいたのは、あなたか？',
  'learn.step.reg-flags.what':
    '認証器データのフラグのバイトは、認証器が何を確認したかを示します。UP（ユーザー存在）：誰かがタッチまたは確認した。UV（ユーザー検証）：さらに PIN、指紋、顔を確認した。RP が求めたユーザー検証は「{requested}」です。',
  'learn.step.reg-flags.why':
    'UP はマルウェアによる無断使用を防ぎます。UV によって、パスキーは一つで二要素になります。持っているもの（認証器）と、知っていること・あなた自身（PIN・生体）です。RP が UV を必須にしたのにフラグが立っていなければ、RP は応答を拒否しなければなりません。',
  'learn.flags.uvMissing': 'UV が必須なのに立っていません。RP はこの応答を拒否します。',

  'learn.step.reg-attestation.title': 'アテステーション：認証器が自分について述べること',
  'learn.step.reg-attestation.what':
    'アテステーションオブジェクトには、形式、認証器のモデル ID（AAGUID）、そして形式によっては署名と証明書が入っています。',
  'learn.step.reg-attestation.why':
    'アテステーションは、どのモデルの認証器が鍵を作ったかを証明できます。ただし、RP が信頼する証明書チェーン（たとえば FIDO メタデータサービス経由）で署名されている場合に限ります。あなたが誰か、デバイスが侵害されていないか、その後のサインインについては何も証明しません。一般向けのパスキーの多くは none を送ります。RP が知るのは鍵であって、デバイスではありません。',
  'learn.attestation.none': '形式 none：ステートメントはありません。RP はモデルについて何も知りません。パスキーではこれが普通です。',
  'learn.attestation.self':
    '自己アテステーション：新しいクレデンシャル自身の秘密鍵で署名されています。鍵ペアとデータが対応していることは証明しますが、どのデバイスが作ったかは証明しません。',
  'learn.attestation.certificate':
    'アテステーション鍵で署名され、証明書が {n} 枚付いています。チェーンが RP の信頼するルートに至れば、モデルが証明されます。RP は次のステップでこれを確認します。',
  'learn.attestation.unknown': '形式 {fmt}：RP が次のステップで確認します。',
  'learn.attestation.zeroAaguid': 'AAGUID がすべてゼロです。認証器は自分のモデルを明かしていません。',

  'learn.step.reg-verify.title': 'RP が応答を検証し、公開鍵を保存した',
  'learn.step.reg-verify.what':
    'RP は WebAuthn §7.1 の検証手順を順番に実行しました。type、チャレンジ、オリジン、RP ID ハッシュ、フラグ、アルゴリズム、アテステーションです。',
  'learn.step.reg-verify.why':
    '各チェックがそれぞれ一つの攻撃を防ぎます。チャレンジはリプレイを、オリジンと rpIdHash はフィッシングを防ぎ、フラグは存在確認と本人検証を担保します。RP が保存するのはクレデンシャル ID、公開鍵、カウンターだけで、秘密は何もありません。',
  'learn.verify.stored': 'RP が保存したもの',
  'learn.verify.notStored': 'RP が応答を拒否したため、何も保存されていません。',

  'learn.step.reg-backup.title': '同期されるか、デバイスに固定か？',
  'learn.step.reg-backup.what':
    'さらに二つのフラグがあります。BE（バックアップ可能）：パスキープロバイダーがこのクレデンシャルを他のデバイスへコピーしてよい。BS（バックアップ済み）：すでにコピーされている。',
  'learn.step.reg-backup.why':
    '同期パスキー（BS = 1。iCloud キーチェーン、Google パスワードマネージャーなど）はデバイスをなくしても失われず、その安全性はプロバイダーのアカウントに依存します。デバイス固定のもの（BE = 0。多くのセキュリティキー）はそのハードウェアから出ません。なくせば別の手段でログインする必要があります。RP はこれらのフラグを使って、たとえば二つ目のパスキーの登録を勧められます。',
  'learn.backup.synced': '同期：秘密鍵はパスキープロバイダーにバックアップされ、あなたの他のデバイスからも使えます。',
  'learn.backup.eligible': '同期は可能ですが、まだバックアップされていません。',
  'learn.backup.device-bound': 'デバイス固定：秘密鍵はこの認証器の中にだけ存在します。',

  'learn.step.auth-options.title': 'サインイン：新しいチャレンジ',
  'learn.step.auth-options.what':
    'サインインのために、RP は新しいチャレンジと、期待するクレデンシャルの ID（allowCredentials）を送りました。登録時のものは何も再利用しません。',
  'learn.step.auth-options.why':
    'サインインのたびに新しいチャレンジを使うので、各署名は一度しか通用しません。RP は秘密を送りません。クレデンシャル ID は、認証器が正しい鍵を見つける手がかりにすぎません。',
  'learn.challenge.differs': '登録時のチャレンジとは異なる',
  'learn.challenge.same': '登録時のチャレンジと同じ',

  'learn.step.auth-assertion.title': '認証器がチャレンジに署名した',
  'learn.step.auth-assertion.what':
    '認証器は、認証器データと clientDataJSON の SHA-256（このサインインのチャレンジとオリジンを含む）をまとめて、登録時に作った秘密鍵で署名しました。',
  'learn.step.auth-assertion.why':
    '署名は、秘密鍵を明かさずにそれを持っていることを証明します。チャレンジとオリジンが署名対象に含まれるので、この署名は他のサインインにも他のサイトにも使えません。',

  'learn.step.auth-verify.title': 'RP が保存済みの公開鍵で署名を検証した',
  'learn.step.auth-verify.what':
    'RP は ID でクレデンシャルを見つけ、WebAuthn §7.2 の手順を実行し、登録時に保存した公開鍵で署名を確認しました。',
  'learn.step.auth-verify.why':
    'この署名を作れるのは秘密鍵の持ち主だけで、しかもこのチャレンジ、このオリジンに対してだけです。サインインはこれで全部です。パスワードは送られず、どこにも保存されていません。',

  'learn.step.auth-sign-count.title': 'サインカウント：複製された認証器を見つける',
  'learn.step.auth-sign-count.what':
    '認証器はクレデンシャルごとにカウンターを持ち、署名のたびに増やすことがあります。RP は受け取ったカウンターを、保存している値と比べます。',
  'learn.step.auth-sign-count.why':
    'カウンターが増えなかったら、同じ鍵のコピーが二つ存在するかもしれません。RP はそのクレデンシャルを複製の疑いありとして扱うべきです。同期パスキーはたいてい毎回 0 を返しますが、これは「カウンターなし」という意味で、攻撃ではありません。',
  'learn.signCount.increased': '増加：一つの認証器として矛盾はありません。',
  'learn.signCount.zero': 'どちらも 0：この認証器はカウンターを持っていません。',
  'learn.signCount.not-increased': '増加していません：認証器が複製された可能性があります。RP はこのクレデンシャルに警告を付けるべきです。',
  'learn.signCount.unknown': '報告されていません。',

  'learn.step.done.title': '完了：見てきたこと',
  'learn.step.done.what': 'あなたは本物のリライングパーティを相手に、自分の認証器でパスキーを作り、それでサインインしました。',
  'learn.step.done.why': '「セレモニー」タブで実行するセレモニーもすべて同じ手順をたどり、履歴にひとつずつ残るので、いつでも開き直せます。',
  'learn.recap.keys': '秘密鍵は認証器の中に留まり、RP が保存したのは公開鍵だけです。',
  'learn.recap.challenges': 'チャレンジは二つ、それぞれ一度だけ使われました。登録は {reg}、サインインは {auth} です。',
  'learn.recap.origin': 'どちらの応答も {origin} に結び付き、rpIdHash は SHA-256("{rpId}") でした。',
  'learn.recap.uv': 'サインイン時のユーザー検証：{uv}。保存場所：{storage}。',
  'learn.recap.signCount': 'サインカウント：{before} → {now}。',

  'learn.label.challenge': 'challenge',
  'learn.label.rpId': 'rp.id',
  'learn.label.rpName': 'rp.name',
  'learn.label.user': 'user.name',
  'learn.label.userId': 'user.id',
  'learn.label.userVerification': 'userVerification',
  'learn.label.residentKey': 'residentKey',
  'learn.label.attestation': 'attestation',
  'learn.label.algorithms': 'pubKeyCredParams',
  'learn.label.timeout': 'timeout',
  'learn.label.allowCredentials': 'allowCredentials',
  'learn.label.optionsJson': 'RP が送ったオプション（そのまま）',
  'learn.label.responseJson': 'ブラウザーが返した応答（そのまま）',
  'learn.label.ceremonyJson': 'このセレモニーの RP の記録',
  'learn.label.credentialId': 'クレデンシャル ID',
  'learn.label.publicKey': '公開鍵（認証器データ内の COSE_Key）',
  'learn.label.spki': '公開鍵（response.publicKey、SubjectPublicKeyInfo）',
  'learn.label.alg': 'アルゴリズム',
  'learn.label.privateKey': '秘密鍵',
  'learn.privateKey.value': '応答には含まれません。認証器から決して出ません',
  'learn.label.clientDataJSON': 'clientDataJSON（デコード済み）',
  'learn.label.type': 'type',
  'learn.label.clientChallenge': 'clientDataJSON 内の challenge',
  'learn.label.origin': 'clientDataJSON 内の origin',
  'learn.label.expectedOrigin': 'RP が期待するオリジン',
  'learn.label.rpIdHash': '認証器データ内の rpIdHash',
  'learn.label.expectedRpIdHash': 'SHA-256("{rpId}")',
  'learn.label.flagsByte': 'フラグのバイト',
  'learn.label.requestedUv': '要求された userVerification',
  'learn.label.fmt': '形式（fmt）',
  'learn.label.aaguid': 'AAGUID',
  'learn.label.authenticator': '認証器のモデル',
  'learn.label.attStmt': 'アテステーションステートメント（attStmt）',
  'learn.label.verdict': '判定',
  'learn.label.checks': '検証手順',
  'learn.label.storedPublicKey': '保存された公開鍵',
  'learn.label.storedCounter': '保存されたカウンター',
  'learn.label.storedUser': '保存先のユーザー',
  'learn.label.be': 'BE（バックアップ可能）',
  'learn.label.bs': 'BS（バックアップ済み）',
  'learn.label.storage': 'パスキーの保存場所',
  'learn.label.deviceType': 'credentialDeviceType',
  'learn.label.regChallenge': '登録時のチャレンジ',
  'learn.label.signature': 'signature',
  'learn.label.signedData': '署名対象のデータ',
  'learn.signedData.value': 'authenticatorData（{ad} バイト）‖ SHA-256(clientDataJSON)（32 バイト）',
  'learn.label.clientDataHash': 'SHA-256(clientDataJSON)',
  'learn.label.userHandle': 'userHandle',
  'learn.label.signCountReg': '登録時',
  'learn.label.signCountBefore': 'このサインイン前に RP が保存していた値',
  'learn.label.signCountNow': 'このサインイン',
  'learn.label.secondOpinion': 'セカンドオピニオン',
  'learn.match.yes': '一致',
  'learn.match.no': '不一致',
  'learn.flag.set': '1（立っている）',
  'learn.flag.clear': '0（立っていない）',
  'learn.checks.summary': '{total} 件中 {passed} 件合格、{failed} 件不合格',
  'learn.noChecks': 'RP はこのセレモニーの検証手順を記録していません。',
  'learn.unknownName': '読み込んだメタデータに名前がありません',
  'learn.bytes': '{n} バイト',
};

/**
 * Check catalog (Japanese): the same ids and `{name}` placeholders as ./checks.en.ts (the type requires
 * every id; test/decode/checkMessages.test.ts compares the placeholders). Titles are checklist items
 * ("…であること"); messages and explanations use です・ます. Spec member names (C.type, rpIdHash, attStmt,
 * UV, …) stay as they are in the specification.
 */
import type { Catalog } from './i18n.ts';
import type { checkMessagesEn } from './checks.en';

export const checkMessagesJa: Catalog<typeof checkMessagesEn> = {
  /* ---------------------------------------------------------------- decoding */
  'check.registration.decode.title': '§7.1: clientDataJSON が JSON で、attestationObject が CBOR {fmt, attStmt, authData} であること',
  'check.registration.decode.explain':
    '何かを検証する前に、まず応答を読み取れなければなりません。clientDataJSON は JSON、アテステーションオブジェクトは fmt・attStmt・authData を持つ CBOR である必要があります。デコードできない応答は、どの部分も信頼できません。',
  'check.registration.decode.wrongKind': '登録応答が必要ですが、{kind} が渡されました',
  'check.credential.id.title': '§5.1: id が rawId の base64url 表記であること',
  'check.credential.id.mismatch':
    'id "{id}" と rawId "{rawId}" は別のクレデンシャルを指しています。RP は一方で検索し、認証器データはもう一方を運んでいます',
  'check.credential.id.spelling':
    'id "{id}" は rawId "{rawId}" の別の表記です（パディングまたは標準の base64 文字）。WebAuthn の JSON はパディングなしの base64url を使います',
  'check.credential.id.noId':
    '応答には rawId "{rawId}" だけがあり、id の文字列がありません。PublicKeyCredential の JSON は両方を持ち、id でクレデンシャルを探す RP は何も見つけられません',
  'check.credential.id.noRawId':
    '応答には id "{id}" だけがあり、rawId の文字列がありません。この検証器は id からクレデンシャル ID を読みました。PublicKeyCredential の JSON は両方を持ち、rawId を読む RP は何も見つけられません',
  'check.credential.id.neither':
    '応答には id も rawId もありません。認証器データの外にはクレデンシャルを指すものがなく、RP は id でクレデンシャルを探します',
  'check.credential.type.title': '§5.1: type が "public-key" であること',
  'check.credential.type.missing':
    '応答に type メンバーがありません。PublicKeyCredential の JSON は type "public-key" を持ち、JSON を厳密に解析する RP のライブラリはこの応答を受け付けません',
  'check.credential.type.other':
    'type が "public-key" ではなく "{type}" です。WebAuthn のクレデンシャルの type は "public-key" で、JSON を厳密に解析する RP のライブラリはこの応答を受け付けません',
  'check.credential.type.notString':
    'type が文字列ではありません。WebAuthn のクレデンシャルの type は "public-key" で、JSON を厳密に解析する RP のライブラリはこの応答を受け付けません',
  'check.credential.type.explain':
    'WebAuthn のクレデンシャルの type は常に "public-key" で、toJSON() は id・rawId と並べてこれを書きます。§7 の検証手順は type を読まないのでこのツールは検証を続けますが、RP のライブラリは JSON の解析時にこれを確かめます（SimpleWebAuthn: 「Unexpected credential type」）。type のない応答は手書きのシリアライズで作られたもので、多くはバイナリのメンバーを 1 つずつコピーするコードです。',
  'check.credential.id.explain':
    'クレデンシャルの識別子は 1 つです。id は rawId の base64url 表記です。RP は id で保存済みのクレデンシャルを探し、署名と認証器データは rawId のものです。両者が食い違ってよいなら、応答はあるクレデンシャルを名乗りながら別のクレデンシャルで証明できてしまいます。',
  'check.encoding.title': '§5.1: バイナリのメンバーが WebAuthn の JSON のとおりパディングなしの base64url であること',
  'check.encoding.one':
    '{members} はパディングなしの base64url ではありません（パディング、標準の base64 文字、または 16 進）。このツールはデコードしましたが、base64url を厳密にデコードする RP は別のバイト列を読むか、受け付けないことがあります',
  'check.encoding.many':
    '{members} はパディングなしの base64url ではありません（パディング、標準の base64 文字、または 16 進）。このツールはデコードしましたが、base64url を厳密にデコードする RP は別のバイト列を読むか、受け付けないことがあります',
  'check.encoding.explain':
    'PublicKeyCredential.toJSON() はバイナリのメンバー（rawId、clientDataJSON、attestationObject、authenticatorData、signature、userHandle）をすべてパディングなしの base64url で書きます。btoa() やサーバー側の base64 エンコーダーで作ったテキストには「+」「/」「=」が入り、base64url を厳密にデコードする RP のライブラリは別のバイト列を読むか（RP ID ハッシュや署名が合わなくなります）、受け付けません。このツールは送られた内容を示すために両方の文字セットを読みます。直すべきは応答をシリアライズしたコードです。',
  'check.authentication.decode.title': '§7.2: authenticatorData・clientDataJSON・署名をデコードできること',
  'check.authentication.decode.explain':
    '何かを検証する前に、まずサインインの応答を読み取れなければなりません。認証器データ、clientDataJSON、署名のすべてがデコードできる必要があります。デコードできない応答は、どの部分も信頼できません。',
  'check.authentication.decode.wrongKind': '認証（サインイン）応答が必要ですが、{kind} が渡されました',
  'check.decode.failed': '応答をデコードできません: {error}（{path}、オフセット {offset}）',
  'check.decode.failedMore': '応答をデコードできません: {error}（{path}、オフセット {offset}）。ほかに {more} 件の問題があります',

  /* ---------------------------------------------------------------- 関連オリジン（§5.11） */
  'check.relatedOrigins.title': '§5.11: RP ID の /.well-known/webauthn が呼び出し元のオリジンを列挙している（関連オリジン）',
  'check.relatedOrigins.explain':
    'RP ID がこのページのドメインではありません。この場合ブラウザーは、https://<RP ID>/.well-known/webauthn が最初の 5 つのオリジンラベルの中でページのオリジンを列挙しているときだけセレモニーを許可します。サーバーもそのオリジンを想定している必要があります。',
  'check.relatedOrigins.unavailable': '{url} を利用できません: {reason}',
  'check.relatedOrigins.notListed': '{origin} は {url} のオリジンに含まれていません',
  'check.relatedOrigins.beyondLimit':
    '{origin} は列挙されていますが、他の {max} 個のラベル（{labels}）の後です。クライアントはその前で打ち切ることがあります',

  /* ---------------------------------------------------------------- clientDataJSON (§7.1 / §7.2) */
  'check.clientData.title.undecodable': '{member} の検証',
  'check.clientData.undecodable': 'clientDataJSON を JSON オブジェクトとしてデコードできません',
  'check.clientData.type.title': '{sec}: C.type が {types} であること',
  'check.clientData.type.explain':
    'ブラウザーは実行したセレモニーの種類を書き込みます。パスキーの作成時は "webauthn.create"、サインイン時は "webauthn.get" です。これを確かめることで、一方のセレモニーのために作られた署名をもう一方のものとして通用させる攻撃を防ぎます。',
  'check.clientData.type.unexpected.registration': '登録応答の type が想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.type.unexpected.authentication': '認証応答の type が想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.challenge.title': '{sec}: C.challenge が options.challenge を base64url エンコードしたものと一致すること',
  'check.clientData.challenge.explain':
    'サーバーはセレモニーのたびに新しいランダムなチャレンジを送り、認証器はそれを含めて署名します。サーバーが発行した直後のチャレンジを一度だけ受け付けることで、記録された応答を後から再送（リプレイ）されても通りません。',
  'check.clientData.challenge.unexpected.registration': '登録応答のチャレンジが想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.challenge.unexpected.authentication': '認証応答のチャレンジが想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.challenge.rejected.registration':
    '登録応答のチャレンジが想定外です: 判定関数が受け付けるチャレンジを期待しましたが、{got} でした',
  'check.clientData.challenge.rejected.authentication':
    '認証応答のチャレンジが想定外です: 判定関数が受け付けるチャレンジを期待しましたが、{got} でした',
  'check.clientData.origin.title': '{sec}: C.origin が RP の想定するオリジンであること',
  'check.clientData.origin.explain':
    'セレモニーを実行したページのオリジンは、Web ページではなくブラウザーが記録します。よく似たドメインのフィッシングサイトではここに別のオリジンが入るため、これを確かめることがパスキーのフィッシング耐性の要になります。',
  'check.clientData.origin.unexpected.registration': '登録応答のオリジンが想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.origin.unexpected.authentication': '認証応答のオリジンが想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.crossOrigin.title.allowed': '{sec}: クロスオリジンのセレモニーが許可されていること',
  'check.clientData.crossOrigin.title.boolean': '{sec}: C.crossOrigin が真偽値であること',
  'check.clientData.crossOrigin.explain':
    'crossOrigin は、セレモニーが別サイトの iframe の中で実行されたかどうかを示します。自サイトのサインインを他所に埋め込ませない RP は、こうしたセレモニーを拒否すべきです。そうすれば、他のサイトが RP のページを埋め込んでセレモニーを起こすことはできません。',
  'check.clientData.crossOrigin.notAllowed':
    'C.crossOrigin が true ですが、この RP はクロスオリジン（iframe 内）のセレモニーを許可していません',
  'check.clientData.crossOrigin.notBoolean': 'C.crossOrigin は真偽値でなければなりませんが、{got} でした',
  'check.clientData.topOrigin.title': '{sec}: C.topOrigin が想定するトップレベルのオリジンであること',
  'check.clientData.topOrigin.title.crossOrigin': '{sec}: クロスオリジンのセレモニー',
  'check.clientData.topOrigin.explain':
    'セレモニーがクロスオリジンの iframe で実行されたとき、topOrigin はアドレスバーに表示されているサイトを示します。これを確かめることで、RP が信頼するサイトだけがそのサインインを埋め込めるようにします。',
  'check.clientData.topOrigin.notString': 'C.topOrigin は文字列でなければなりませんが、{got} でした',
  'check.clientData.topOrigin.unchecked':
    'セレモニーは {topOrigin} の下のクロスオリジン iframe で実行されました。想定するトップオリジンが指定されていないため、検証していません',
  'check.clientData.topOrigin.unexpected': 'トップオリジンが想定外です: {expected} を期待しましたが、{got} でした',
  'check.clientData.topOrigin.absent': 'C.crossOrigin が true（クロスオリジンの iframe で実行された）なのに、C.topOrigin がありません',
  'check.clientData.tokenBinding.title': 'C.tokenBinding.status が有効な TokenBindingStatus であること（WebAuthn L2 の項目。L3 で削除）',
  'check.clientData.tokenBinding.explain':
    'トークンバインディングは、セレモニーをそれが通った TLS 接続に結び付ける仕組みでした。ブラウザーは対応をやめ、WebAuthn レベル 3 でも削除されました。クライアントがこのメンバーを送ってきても、定義外の status は報告して無視するだけで、拒否の理由にはしません。',
  'check.clientData.tokenBinding.notObject':
    'C.tokenBinding はオブジェクトではなく {got} です。U2F 時代のクライアントには文字列を送るものがあるため、無視します',
  'check.clientData.tokenBinding.unexpected':
    'token_binding の status が想定外です: "present" または "supported" を期待しましたが、{got} でした。WebAuthn レベル 3 でトークンバインディングは削除されたため、無視します',

  /* ---------------------------------------------------------------- authenticator data (§7.1 / §7.2) */
  'check.authData.undecodable': '認証器データをデコードできません',
  'check.authData.rpIdHash.title.undecodable': '{sec}: rpIdHash が RP ID の SHA-256 であること',
  'check.authData.rpIdHash.title': '{sec}: authData.rpIdHash が RP ID の SHA-256 ハッシュであること',
  'check.authData.rpIdHash.explain':
    '認証器はどのパスキーも一つのサイト（RP ID というドメイン）に限定し、そのハッシュに署名します。ハッシュが一致すれば、認証器がこのクレデンシャルを他のサイトではなくこのサイトのために使ったことがわかります。',
  'check.authData.rpIdHash.unexpected': 'RP ID のハッシュが想定外です: {rpIds} の SHA-256（{hashes}）を期待しましたが、{got} でした',
  'check.authData.up.title': '{sec}: UP（ユーザー在席）フラグが立っていること',
  'check.authData.up.explain':
    'ユーザー在席（UP）は、誰かが認証器に触れるなどの操作をしたことを意味します。これを必須にすることで、差し込まれたままのセキュリティキーをマルウェアが黙って使うことを防ぎます。',
  'check.authData.up.missing': 'ユーザーが在席していません: ユーザー在席が必須ですが、UP フラグが 0 です',
  'check.authData.up.notRequired': 'UP は 0 です。このセレモニーではユーザー在席は必須ではありません',
  'check.authData.uv.title': '{sec}: ユーザー検証が必須のとき UV（ユーザー検証済み）フラグが立っていること',
  'check.authData.uv.explain':
    'ユーザー検証（UV）は、誰かがいることだけでなく、それが本人であることを認証器が確かめた（PIN、指紋、顔）ことを意味します。RP が UV を必須にすれば、パスキー一つで「持っているもの」と「知っていること・本人の特徴」の二要素になります。',
  'check.authData.uv.missing': 'ユーザー検証が必須ですが、ユーザーは検証されていません（UV フラグが 0）',
  'check.authData.uv.policyMismatch':
    'RP のポリシーはユーザー検証を必須にしていますが、オプションでは userVerification "{asked}" を求めたため、認証器は検証を省けました（UV フラグが 0）。オプションとポリシーが食い違っています。"required" を求めるか、必須にしないでください',
  'check.authData.uv.notRequired': 'UV は 0 です。ユーザー検証は必須ではありませんでした',
  'check.authData.backupFlags.title': '{sec}: BE が立っていなければ BS も立っていないこと',
  'check.authData.backupFlags.explain':
    'BE はパスキーが同期・バックアップされうること、BS は現在バックアップされていることを示します。対象でないクレデンシャルがバックアップされていることはありえないため、BE なしの BS は認証器データが矛盾していることを意味します。',
  'check.authData.backupFlags.invalid': 'フラグが不正です: BS（バックアップ状態）が立っていますが、BE（バックアップ可能）が立っていません',

  /* ---------------------------------------------------------------- extensions */
  'check.extensions.title': '{sec}: クライアントと認証器の拡張出力が想定どおりであること',
  'check.extensions.explain':
    '拡張はセレモニーに任意の機能を追加します（例：credProps や prf）。RP は自分が要求した拡張の出力だけを扱い、それが想定どおりかを確かめるべきです。',
  'check.extensions.notChecked': '拡張についての想定が指定されていません',
  'check.extensions.notChecked.outputs': '拡張についての想定が指定されていません（認証器の出力: {outputs}）',

  /* ---------------------------------------------------------------- registration (§7.1) */
  'check.registration.attestedCredentialData.title': '§7.1: authData が構成済みクレデンシャルデータ（AT フラグ）を含むこと',
  'check.registration.attestedCredentialData.explain':
    '登録では新しいクレデンシャル、つまりその ID と公開鍵を、AT フラグで示される構成済みクレデンシャルデータとして届けなければなりません。これがなければ、サーバーには保存するものも、後のサインインを検証する手段もありません。',
  'check.registration.attestedCredentialData.missing':
    'AT フラグが立っていません。登録には新しいクレデンシャルが含まれていなければなりません',
  'check.registration.alg.title': '§7.1: クレデンシャル公開鍵の alg が options.pubKeyCredParams のいずれかであること',
  'check.registration.alg.explain':
    'サーバーは受け付ける署名アルゴリズムを列挙しています。新しい鍵をこの一覧と突き合わせることで、サーバーが検証できない鍵や弱すぎると判断した鍵を締め出します。',
  'check.registration.alg.missing': 'クレデンシャル公開鍵に使用できる alg がありません',
  'check.registration.alg.deprecated':
    '{algName}（{alg}）は SHA-1 で署名します。SHA-1 は非推奨です（衝突が現実的に作れます）。検証はできますが、RP は新しいクレデンシャルに提示すべきではありません',
  'check.registration.alg.unexpected': '公開鍵の alg {alg}（{algName}）は想定外です: 次のいずれかを期待しました: {allowed}',
  'check.registration.alg.policyMismatch':
    'オプションの pubKeyCredParams で alg {alg}（{algName}）を提示しましたが、RP のポリシーが受け付けるのは {allowed} だけです。RP は受け付けるアルゴリズムだけを提示してください。そうしないと、認証器が選んだアルゴリズムを RP 自身が拒否することになります',
  'check.registration.fmt.title': '§7.1: fmt が対応しているアテステーションステートメント形式であること（大文字と小文字を区別）',
  'check.registration.fmt.explain':
    'アテステーション形式は、認証器が自分が何者かを証明する方法を表します。サーバーが検証できるのは、形式を知っている証明だけです。',
  'check.registration.fmt.unsupported': '対応していないアテステーション形式 {fmt} です: 次のいずれかを期待しました: {supported}',
  'check.registration.attestation.title': '§7.1: アテステーションステートメントとトラストパス',
  'check.registration.attestation.explain':
    'アテステーションは、認証器のメーカーと型式についての認証器自身による証拠です。それと背後の証明書チェーンを検証することで、サーバーは認証器の名乗る素性を信じてよいかを判断できます。',
  'check.registration.attestation.notDecoded': 'スキップ: アテステーションオブジェクトをデコードできないか、その形式に対応していません',
  'check.registration.attestation.crashed': '"{fmt}" の検証器が失敗しました: {error}',
  'check.registration.canonicalCbor.title': 'CTAP2 §8: 認証器の CBOR が正準形式であること',
  'check.registration.canonicalCbor.explain':
    'CTAP2 は認証器に CBOR の正準エンコード（最短の長さ、確定長、ソートされたマップキー）を求めています。WebAuthn は RP にアテステーションオブジェクトのデコードしか求めていないため、多くの RP はそれ以外のエンコードも受け入れます。この RP は警告を出し、ポリシーで正準 CBOR を要求したときだけ拒否します。',
  'check.registration.canonicalCbor.found':
    '正準でないエンコードが {n} 箇所あります（RP は正準 CBOR を要求していないため受け入れ）。最初: {first}',
  'check.registration.canonicalCbor.refused': '正準でないエンコードが {n} 箇所あり、RP のポリシーにより拒否しました。最初: {first}',
  'check.registration.credentialIdLength.title': '§7.1: credentialId が 1023 バイト以下であること',
  'check.registration.credentialIdLength.explain':
    '仕様はクレデンシャル ID を最大 1023 バイトに制限しています。それより長いものを拒否することで、大きすぎる値や悪意のある値からサーバーの保存と検索を守ります。',
  'check.registration.credentialIdLength.tooLong': 'クレデンシャル ID が {length} バイトあります。許されるのは 1023 バイトまでです',
  'check.registration.rawId.title': '§7.1: rawId が認証済みクレデンシャルデータのクレデンシャル ID であること',
  'check.registration.rawId.differs':
    'rawId "{rawId}" は認証器データのクレデンシャル ID（"{credentialId}"）ではありません。クライアントは認証器が作ったものとは別のクレデンシャルを報告しています。この検証は認証器データに従いますが、rawId や id を保存する RP は、どの認証器も応答しない ID を保存します',
  'check.registration.rawId.explain':
    'クライアントは rawId（とその base64url 表記の id）を、認証済みクレデンシャルデータのクレデンシャル ID にします。§7.1 ステップ 27 は新しいクレデンシャルレコードを credential.id の下に、認証器データの公開鍵とともに保存します。これは両者が一致する前提です。一致しなければ、保存した ID と鍵は別のクレデンシャルのものになり、次のサインインでは何も見つからないか、改ざんされた応答が自分の作っていないクレデンシャルを名乗ります。',
  'check.registration.credentialIdUnique.title': '§7.1: credentialId がまだどのユーザーにも登録されていないこと',
  'check.registration.credentialIdUnique.explain':
    'クレデンシャル ID はちょうど一つのアカウントを指さなければなりません。登録済みの ID を拒否することで、攻撃者が被害者のクレデンシャルを別のアカウントに結び付けることを防ぎます。',
  'check.registration.credentialIdUnique.noList': '登録済みクレデンシャル ID の一覧が指定されていません',
  'check.registration.credentialIdUnique.taken': 'クレデンシャル ID {credentialId} はすでに登録されています',

  /* ---------------------------------------------------------------- authentication (§7.2) */
  'check.authentication.allowCredentials.title': '§7.2: credential.id が options.allowCredentials のいずれかであること',
  'check.authentication.allowCredentials.explain':
    'サーバーが受け付けるクレデンシャルを指定した場合、応答はそのいずれかを使っていなければなりません。そうでなければ、別のクレデンシャル（他のユーザーのものかもしれません）を紛れ込ませることができてしまいます。',
  'check.authentication.allowCredentials.notAllowed': 'クレデンシャル {credentialId} は allowCredentials に含まれていません',
  'check.authentication.credential.title': '§7.2: credential.rawId が保存済みのクレデンシャルレコードを指すこと',
  'check.authentication.credential.explain':
    'サーバーは公開鍵とカウンターを持つ保存済みレコードを、クレデンシャル ID で探します。応答がまさにそのクレデンシャルのものでなければ、署名を間違った鍵で検証することになります。',
  'check.authentication.credential.missing': '応答のクレデンシャル ID（なし）は、保存済みクレデンシャルの ID {stored} と一致しません',
  'check.authentication.credential.other': '応答のクレデンシャル ID {credentialId} は、保存済みクレデンシャルの ID {stored} と一致しません',
  'check.authentication.credential.unknown':
    'ID が {credentialId} のクレデンシャルレコードはありません。この RP に登録されたことがないか、削除されています（認証器にはまだ残っている場合があります）',
  'check.authentication.userHandle.title': '§7.2: response.userHandle がクレデンシャルを所有するユーザーを指すこと',
  'check.authentication.userHandle.explain':
    'ユーザーハンドルは、登録時にサーバーがパスキーに与えたアカウント ID です。発見可能なパスキーでは、誰がサインインしているかをサーバーに伝えます。これがクレデンシャルの所有者のものでなければ、あるユーザーが別のユーザーとしてサインインできてしまいます。',
  'check.authentication.userHandle.mismatch': 'userHandle {expected} を期待しましたが、{got} でした',
  'check.authentication.userHandle.notNeeded':
    'userHandle は返されませんでした。ユーザーはセレモニーの前に特定されている（allowCredentials）ため、不要です',
  'check.authentication.userHandle.missing':
    'クレデンシャルは発見されました（allowCredentials が空）が、応答にはそのユーザーを特定する userHandle がありません',
  'check.authentication.userHandle.unknown':
    'userHandle は返されませんでした。必要かどうかは allowCredentials によりますが、それが指定されていません',
  'check.authentication.backupEligibility.title': '§7.2: BE が登録時から変わっていないこと',
  'check.authentication.backupEligibility.explain':
    'パスキーを同期できるかどうか（BE）は作成時に決まります。後で変わった場合、認証器の動作がおかしいか、応答がサーバーの登録したクレデンシャルのものではありません。',
  'check.authentication.backupEligibility.changed': 'BE は登録時に {stored} でしたが、現在は {got} です',
  'check.authentication.attestedCredentialData.title': 'アサーションの authData に構成済みクレデンシャルデータが含まれないこと',
  'check.authentication.attestedCredentialData.explain':
    '構成済みクレデンシャルデータ（新しいクレデンシャル）は登録に含まれるものです。サインインにそれが含まれるのは珍しく、確認する価値があります。ただし合否は署名の検証で決まります。',
  'check.authentication.attestedCredentialData.present': 'アサーションで AT フラグが立っています',
  'check.authentication.signature.title':
    '§7.2: authenticatorData || SHA-256(clientDataJSON) に対する署名が保存済みの公開鍵で検証できること',
  'check.authentication.signature.explain':
    'これがパスキーによるサインインの核心です。保存済みの公開鍵で検証できる署名を作れるのは、認証器の外に出ることのない秘密鍵だけです。署名は認証器データと clientDataJSON のハッシュを対象にしているため、チャレンジ、オリジン、フラグも改ざんできません。',
  'check.authentication.signature.noCredential': '保存済みのクレデンシャル（公開鍵）が指定されていません',
  'check.authentication.signature.keyUnknown':
    '確認していません: このクレデンシャルの公開鍵がここでは分かりません（検査を始める前に登録されたクレデンシャルです）。検査中に登録するか、ラボの仮想認証器を使ってください',
  'check.authentication.signature.incomplete': 'authenticatorData、clientDataJSON、署名のいずれかが欠けているか、デコードできません',
  'check.authentication.signature.keyNotBase64url': '保存済みの公開鍵が base64url ではありません: {problem}',
  'check.authentication.signature.rawPoint':
    '保存された公開鍵は COSE 鍵ではなく、非圧縮の P-256 の点そのもの（65 バイト。U2F 時代の記録の形）です。それが表す ES256 の鍵として読み、その鍵で署名を検証できました',
  'check.authentication.signature.keyNotCose': '保存済みの公開鍵が COSE 鍵ではありません: {problem}',
  'check.authentication.signature.invalid': '保存済みの {algName} 鍵で認証の署名を検証できません: {reason}',
  'check.authentication.signCount.title': '§7.2: signCount が保存済みのカウンターより大きいこと（または両方が 0）',
  'check.authentication.signCount.explain':
    '署名カウンターを持つ認証器は、使うたびにその値を増やします。増えていなければ、鍵が複製されたか、古い応答が再送された可能性があります。多くのパスキーはカウントせず、常に 0 を送ります。',
  'check.authentication.signCount.zero': '両方のカウンターが 0 です。この認証器は署名を数えていません',
  'check.authentication.signCount.notIncreased':
    '応答のカウンター値 {got} が保存済みのカウンター値 {stored} 以下です。認証器の複製、またはアサーションの再送の可能性があります',

  'check.registration.attestationPolicy.title': '§7.1 手順 24: アテステーションが RP のポリシーの求める水準（"{want}" 以上）であること',
  'check.registration.attestationPolicy.explain':
    'アテステーションにどこまでの証明を求めるかは RP が決めます。"none" は何でも受け付け、"self" はクレデンシャル鍵で署名されたステートメント、"any" は証明書チェーン（信頼できるかどうかは問わない）、"trusted-only" は RP が信頼するルートまでのチェーンを求めます。それに満たなければ、RP は登録を失敗させるべきだと仕様は定めています。',
  'check.registration.attestationPolicy.notAssessed': '評価していません: アテステーションステートメントを検証できませんでした',
  'check.registration.attestationPolicy.refused':
    'このアテステーションが証明するのは "{got}" までですが、RP のポリシーは "{want}" 以上を求めています',
  'check.registration.attestationPolicy.optionsMismatch':
    'RP のポリシーは "{want}" 以上を求めていますが、オプションでアテステーション "none" を求めたため、ブラウザーがステートメントを取り除きました（AAGUID もゼロになります）。オプションで "direct"（または "enterprise"）を求めてください',

  /* ---------------------------------------------------------------- attestation: format, shared steps */
  'check.authentication.signCount.accepted':
    'カウンター {got} は保存済みの {stored} より増えていませんが、RP のポリシーにより警告付きで受け付けました。複製された認証器や再送されたアサーションも通ってしまいます',
  'check.authentication.signCount.ignored':
    '確認していません（RP のポリシーはカウンターを無視します）。{got} は保存済みの {stored} より増えておらず、厳格な RP なら拒否します',
  'check.attestation.fmt.title': '§7.1 手順 21: アテステーションステートメント形式に対応していること',
  'check.attestation.fmt.explain':
    'アテステーション形式ごとに独自の検証手順があります。RP の知っている形式でなければ、認証器が自分について述べていることを確かめられません。',
  'check.attestation.fmt.unsupported':
    'fmt {fmt} は対応しているアテステーションステートメント形式ではありません（次のいずれかを期待しました: {supported}）',
  'check.attestation.internal.title': '§7.1 手順 22: {fmt} アテステーションステートメントの検証',
  'check.attestation.internal.explain':
    'この形式の検証手順を最後まで実行できませんでした。その場合、アテステーションは検証されていないものとして扱います。',
  'check.attestation.internal.crashed': '検証を完了できませんでした: {error}',
  'check.attestation.syntax.title': '{section} 手順 1: attStmt が {format} の構文に従う有効な CBOR であること',
  'check.attestation.syntax.explain':
    'アテステーションステートメントには、その形式が定めるメンバーが正しい型でそろっていなければなりません。そうであって初めて、中の署名や証明書を検証できます。',
  'check.attestation.syntax.invalid': 'attStmt が {format} の構文に従っていません: {problems}',
  'check.attestation.signature.verified': '{alg} 署名を "{subject}" の鍵で検証しました',
  'check.attestation.credentialKey.missing': 'クレデンシャル公開鍵がありません',
  'check.attestation.credentialKey.notCose': 'クレデンシャル公開鍵が使用可能な COSE_Key ではありません: {problem}',
  'check.attestation.credentialKey.notSpki': 'クレデンシャル公開鍵を SubjectPublicKeyInfo として表せません',
  'check.attestation.publicKey.mismatch': 'credCert の鍵は {certKey} ですが、クレデンシャル公開鍵は {key} です',
  'check.attestation.certificate.noBasicConstraints':
    '証明書に Basic Constraints 拡張がありません。§8.2.1 / §8.3.1 は CA=false のこの拡張を求めていますが、RFC 5280 §4.2.1.9 ではこの拡張がなければ CA ではないため、この警告付きで受け入れます',
  'check.attestation.certificate.notDer': '要件は満たしていますが、Basic Constraints のエンコードが DER ではありません: {issues}',
  'check.attestation.aaguidExtension.title':
    '{section} 手順 {step}: id-fido-gen-ce-aaguid（1.3.6.1.4.1.45724.1.1.4）が authData の AAGUID と一致すること',
  'check.attestation.aaguidExtension.explain':
    'AAGUID は認証器の型式を示します。ベンダーがアテステーション証明書にも書き込んでいる場合は両者が一致しなければなりません。これにより、認証器が証明書の保証する型式とは別の型式を名乗ることを防ぎます。',
  'check.attestation.aaguidExtension.absent': '証明書に id-fido-gen-ce-aaguid 拡張がありません',
  'check.attestation.aaguidExtension.malformed': 'id-fido-gen-ce-aaguid 拡張が 16 バイトの OCTET STRING ではありません',
  'check.attestation.aaguidExtension.critical': 'id-fido-gen-ce-aaguid 拡張を critical にしてはいけません（§8.2.1）',
  'check.attestation.aaguidExtension.mismatch': '証明書の AAGUID 拡張は {certAaguid} ですが、authenticatorData の AAGUID は {aaguid} です',

  /* ---------------------------------------------------------------- attestation: packed (§8.2) */
  'check.attestation.packed.signature.title':
    '§8.2 手順 2: sig が authenticatorData || clientDataHash に対し attestnCert の鍵と alg で検証できること',
  'check.attestation.packed.signature.explain':
    '認証器は新しいクレデンシャルとクライアントデータに、アテステーション鍵で署名します。その鍵の証明書にはベンダーの名前があります。署名が正しければ、証明書の持ち主がまさにこの登録を行ったことが証明されます。',
  'check.attestation.packed.signature.invalid': 'attestnCert "{subject}" による {alg} 署名を検証できません: {reason}',
  'check.attestation.packed.certificate.title': '§8.2 手順 2: attestnCert が §8.2.1 の要件を満たすこと',
  'check.attestation.packed.certificate.explain':
    'packed のアテステーション証明書には決まった規則があります。バージョン 3 であること、サブジェクトがベンダーを示し OU が "Authenticator Attestation" であること、他の証明書を発行する権限を持たないことです。これに反する証明書は正しいアテステーション証明書ではありません。',
  'check.attestation.packed.certificate.invalid': 'attestnCert が §8.2.1 を満たしていません: {problems}',
  'check.attestation.packed.selfAlg.title': '§8.2 手順 3: alg がクレデンシャル公開鍵の alg と一致すること',
  'check.attestation.packed.selfAlg.explain':
    'セルフアテステーションでは、新しいクレデンシャル鍵が自分自身の登録に署名します。ステートメントに書かれたアルゴリズムは、その鍵のアルゴリズムでなければなりません。',
  'check.attestation.packed.selfAlg.mismatch':
    'セルフアテステーション: クレデンシャル公開鍵の alg {keyAlgName}（{keyAlg}）を期待しましたが、{algName}（{alg}）でした',
  'check.attestation.packed.selfAlg.mismatch.notCose':
    'セルフアテステーション: クレデンシャル公開鍵の alg {keyAlgName}（{keyAlg}）を期待しましたが、{algName}（{alg}）でした。クレデンシャル公開鍵が使用可能な COSE_Key ではありません: {problem}',
  'check.attestation.packed.selfAlg.mismatch.notSpki':
    'セルフアテステーション: クレデンシャル公開鍵の alg {keyAlgName}（{keyAlg}）を期待しましたが、{algName}（{alg}）でした。クレデンシャル公開鍵を SubjectPublicKeyInfo として表せません',
  'check.attestation.packed.selfSignature.title': '§8.2 手順 3: sig がクレデンシャル公開鍵で検証できること',
  'check.attestation.packed.selfSignature.explain':
    'セルフアテステーションの署名は、鍵を登録した者がその秘密鍵も持っていることを証明します。どの認証器が作ったのかについては何も示しません。',
  'check.attestation.packed.selfSignature.verified': '{alg} のセルフアテステーション署名を検証しました',
  'check.attestation.packed.selfSignature.invalid': 'クレデンシャル鍵による {alg} 署名を検証できません: {reason}',

  /* ---------------------------------------------------------------- attestation: tpm (§8.3) */
  'check.attestation.tpm.pubArea.title': '§8.3 手順 2: pubArea の parameters と unique がクレデンシャル公開鍵を表すこと',
  'check.attestation.tpm.pubArea.explain':
    'pubArea は、TPM が自分で作った鍵についての TPM 自身による記述です。クレデンシャル公開鍵と同じ鍵でなければ、TPM は別の鍵を保証していることになります。',
  'check.attestation.tpm.pubArea.notRsa': 'pubArea は RSA 鍵（TPM_ALG_RSA）ですが、クレデンシャル公開鍵の COSE kty は {kty} です',
  'check.attestation.tpm.pubArea.modulus': 'pubArea.unique（RSA の法 n）がクレデンシャル公開鍵の n と異なります',
  'check.attestation.tpm.pubArea.exponent':
    'pubArea.parameters.exponent は {exponent} ですが、クレデンシャル公開鍵の e は {keyExponent} です',
  'check.attestation.tpm.pubArea.notEc': 'pubArea は ECC 鍵（TPM_ALG_ECC）ですが、クレデンシャル公開鍵の COSE kty は {kty} です',
  'check.attestation.tpm.pubArea.curve': 'pubArea の曲線 {curve} がクレデンシャル鍵の crv {crv} と一致しません',
  'check.attestation.tpm.pubArea.point': 'pubArea.unique（x, y）がクレデンシャル公開鍵と異なります',
  'check.attestation.tpm.certInfo.magic.title':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: magic が TPM_GENERATED_VALUE',
  'check.attestation.tpm.certInfo.magic.explain':
    'TPM は自分で生成した構造体に決まったマジック値を付けます。これにより、外部から署名させたデータを TPM のステートメントと偽ることはできません。',
  'check.attestation.tpm.certInfo.magic.invalid':
    'certInfo.magic は TPM_GENERATED_VALUE（0xff544347）でなければなりませんが、{magic} でした',
  'check.attestation.tpm.certInfo.type.title':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: type が TPM_ST_ATTEST_CERTIFY',
  'check.attestation.tpm.certInfo.type.explain':
    'certInfo は鍵の証明（TPM_ST_ATTEST_CERTIFY）でなければならず、レジスターの quote など別の種類の TPM ステートメントであってはなりません。',
  'check.attestation.tpm.certInfo.type.invalid': 'certInfo.type は TPM_ST_ATTEST_CERTIFY（0x8017）でなければなりませんが、{type} でした',
  'check.attestation.tpm.certInfo.extraData.title':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: extraData が attToBeSigned のハッシュ',
  'check.attestation.tpm.certInfo.extraData.title.hash':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: extraData が authenticatorData || clientDataHash の {hash}',
  'check.attestation.tpm.certInfo.extraData.explain':
    'extraData にはこの登録のデータのハッシュが入っています。これが TPM のステートメントをこの登録とチャレンジに結び付けるので、古いステートメントを使い回すことはできません。',
  'check.attestation.tpm.certInfo.extraData.noHash': 'alg {alg} は extraData に使うハッシュアルゴリズムを示していません',
  'check.attestation.tpm.certInfo.extraData.mismatch':
    'certInfo.extraData は {hash}(authenticatorData || clientDataHash) = {expected} でなければなりませんが、{got} でした',
  'check.attestation.tpm.certInfo.name.title':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: attested.name が pubArea の Name',
  'check.attestation.tpm.certInfo.name.title.hash':
    '§8.3 手順 3: certInfo が attToBeSigned に対する有効な TPMS_ATTEST であること: attested.name が nameAlg || {hash}(pubArea)',
  'check.attestation.tpm.certInfo.name.explain':
    'TPM は証明する鍵を、その pubArea のハッシュ（Name）で示します。これが一致して初めて、ステートメントが pubArea に記述された鍵についてのものであり、別の鍵のものではないといえます。',
  'check.attestation.tpm.certInfo.name.missing': 'certInfo に TPMS_CERTIFY_INFO がありません',
  'check.attestation.tpm.certInfo.name.badNameAlg': 'pubArea.nameAlg {nameAlg} は対応しているハッシュではありません',
  'check.attestation.tpm.certInfo.name.mismatch':
    'certInfo.attested.name は pubArea の Name（{expected}）でなければなりませんが、{got} でした',
  'check.attestation.tpm.signature.title': '§8.3 手順 4: sig が certInfo に対し aikCert の鍵と alg で検証できること',
  'check.attestation.tpm.signature.explain':
    'TPM は certInfo に、アテステーション ID 鍵（AIK）で署名します。AIK の証明書は TPM ベンダーが発行したものです。署名が正しければ、本物の TPM がこのステートメントを作ったことが証明されます。',
  'check.attestation.tpm.signature.verified': 'certInfo に対する {alg} 署名を AIK 証明書の鍵で検証しました',
  'check.attestation.tpm.signature.invalid': 'AIK 証明書による certInfo への {alg} 署名を検証できません: {reason}',
  'check.attestation.tpm.certificate.title': '§8.3 手順 4: aikCert が §8.3.1 の要件を満たすこと',
  'check.attestation.tpm.certificate.explain':
    'AIK 証明書には決まった規則があります。サブジェクトが空であること、サブジェクト代替名に TPM のメーカー・型式・バージョンがあること、AIK の用途（tcg-kp-AIKCertificate）を持つこと、証明書を発行する権限を持たないことです。',
  'check.attestation.tpm.certificate.invalid': 'aikCert が §8.3.1 を満たしていません: {problems}',
  'check.attestation.tpm.certificate.notes.sharedRdn':
    'TPM の属性が、属性ごとに一つの RDN ではなく一つの RDN にまとめられています（TPMv2-EK-Profile §3.2.9）。受け入れます',
  'check.attestation.tpm.certificate.notes.sanNotCritical':
    'サブジェクトが空なのに、サブジェクト代替名が critical になっていません（RFC 5280 §4.2.1.6）',
  'check.attestation.tpm.certificate.notes.both':
    'TPM の属性が、属性ごとに一つの RDN ではなく一つの RDN にまとめられています（TPMv2-EK-Profile §3.2.9）。受け入れます。また、サブジェクトが空なのに、サブジェクト代替名が critical になっていません（RFC 5280 §4.2.1.6）',

  /* ---------------------------------------------------------------- attestation: android-key (§8.4) */
  'check.attestation.android-key.signature.title':
    '§8.4 手順 2: sig が authenticatorData || clientDataHash に対し credCert の鍵と alg で検証できること',
  'check.attestation.android-key.signature.explain':
    'Android キーストアは新しい鍵で登録に署名します。その鍵の証明書（credCert）はキーストアが発行したものです。署名が正しければ、登録がその証明された鍵に結び付きます。',
  'check.attestation.android-key.signature.invalid': 'credCert による {alg} 署名を検証できません: {reason}',
  'check.attestation.android-key.publicKey.title': '§8.4 手順 3: credCert の公開鍵が credentialPublicKey と一致すること',
  'check.attestation.android-key.publicKey.explain':
    'キーストアの証明書はまさに登録された鍵のものでなければなりません。そうでなければ、別の鍵を保証していることになります。',
  'check.attestation.android-key.attestationChallenge.title': '§8.4 手順 4: 鍵記述の attestationChallenge が clientDataHash と一致すること',
  'check.attestation.android-key.attestationChallenge.explain':
    'キーストアは、この登録のクライアントデータのハッシュを証明書に書き込みます。一致すれば、鍵が以前の登録から持ち込まれたのではなく、この登録のためにアテステーションされたことが証明されます。',
  'check.attestation.android-key.attestationChallenge.malformed':
    'credCert の Android 鍵アテステーション拡張（1.3.6.1.4.1.11129.2.1.17）の形式が不正です',
  'check.attestation.android-key.attestationChallenge.absent':
    'credCert に Android 鍵アテステーション拡張（1.3.6.1.4.1.11129.2.1.17）がありません',
  'check.attestation.android-key.attestationChallenge.mismatch':
    'attestationChallenge は clientDataHash {expected} と一致しなければなりませんが、{got} でした',
  'check.attestation.android-key.allApplications.title':
    '§8.4 手順 5: allApplications [600] が softwareEnforced にも teeEnforced にもないこと',
  'check.attestation.android-key.allApplications.explain':
    'allApplications の付いた鍵は、端末上のすべてのアプリが使えます。パスキーは一つの RP に結び付いていなければならないため、そのような鍵は拒否します。',
  'check.attestation.android-key.allApplications.present': 'allApplications が {list} にあります。鍵が RP ID に限定されていません',
  'check.attestation.android-key.allApplications.presentBoth':
    'allApplications が softwareEnforced と teeEnforced の両方にあります。鍵が RP ID に限定されていません',
  'check.attestation.android-key.origin.title': '§8.4 手順 5: origin が KM_ORIGIN_GENERATED であること（teeEnforced ∪ softwareEnforced）',
  'check.attestation.android-key.origin.explain':
    'KM_ORIGIN_GENERATED は、鍵がキーストアの中で生成され、外部に存在したことがないことを意味します。インポートされた鍵は、どこか別の場所にコピーがあるかもしれません。',
  'check.attestation.android-key.origin.unstated':
    'どちらの認可リストにも鍵の origin が記載されていないため、KM_ORIGIN_GENERATED であることを確認できません',
  'check.attestation.android-key.origin.invalid': '鍵の origin は KM_ORIGIN_GENERATED（0）でなければなりませんが、{origin} でした',
  'check.attestation.android-key.purpose.title': '§8.4 手順 5: purpose が KM_PURPOSE_SIGN だけであること（teeEnforced ∪ softwareEnforced）',
  'check.attestation.android-key.purpose.explain':
    'パスキーは署名にしか使いません。キーストアが他の用途（たとえば復号）も許している鍵は、WebAuthn のクレデンシャルとしての要件を満たしません。',
  'check.attestation.android-key.purpose.unstated':
    'どちらの認可リストにも鍵の purpose が記載されていないため、KM_PURPOSE_SIGN であることを確認できません',
  'check.attestation.android-key.purpose.invalid': '鍵の purpose は KM_PURPOSE_SIGN（2）だけでなければなりませんが、{purposes} でした',
  'check.attestation.android-key.securityLevel.title': 'attestationSecurityLevel（参考情報: どのキーストアが鍵をアテステーションしたか）',
  'check.attestation.android-key.securityLevel.explain':
    'Android の鍵は、ソフトウェア、信頼できる実行環境（TEE）、または StrongBox というセキュアチップのいずれかに保管されます。ハードウェアのレベルなら、Android 自体が侵害されても鍵は守られます。',
  'check.attestation.android-key.securityLevel.software':
    'アテステーションは TEE や StrongBox ではなく、ソフトウェアのキーストア（Software、0）によるものです',

  /* ---------------------------------------------------------------- attestation: android-safetynet (§8.5) */
  'check.attestation.android-safetynet.signature.title':
    '§8.5 手順 2: response が有効な SafetyNet 応答であること（JWS 署名が x5c[0] で検証できる）',
  'check.attestation.android-safetynet.signature.explain':
    'Google Play 開発者サービスが SafetyNet 応答に署名します。ヘッダー内の証明書で署名を検証できれば、端末についての判定が途中で改ざんされていないことがわかります。',
  'check.attestation.android-safetynet.signature.verified': '{alg} の JWS 署名を "{subject}" で検証しました',
  'check.attestation.android-safetynet.signature.invalid': 'x5c[0] による {alg} の JWS 署名を検証できません: {reason}',
  'check.attestation.android-safetynet.nonce.title':
    '§8.5 手順 3: nonce が Base64(SHA-256(authenticatorData || clientDataHash)) であること',
  'check.attestation.android-safetynet.nonce.explain':
    'nonce は SafetyNet 応答をこの登録に結び付けます。一致しなければ、別の登録のために取得した応答を使い回されるおそれがあります。',
  'check.attestation.android-safetynet.nonce.mismatch': 'payload.nonce は {expected} でなければなりませんが、{got} でした',
  'check.attestation.android-safetynet.hostname.title': '§8.5 手順 4: attestationCert が attest.android.com に対して発行されていること',
  'check.attestation.android-safetynet.hostname.explain':
    'attest.android.com の証明書を持つのは Google の SafetyNet サービスだけです。それ以外の署名者は、端末について好きなことを主張できてしまいます。',
  'check.attestation.android-safetynet.hostname.invalid':
    'リーフ証明書は attest.android.com に対して発行されていなければなりませんが、"{subject}" に対して発行されています',
  'check.attestation.android-safetynet.ctsProfileMatch.title':
    '§8.5 手順 4: ctsProfileMatch が true であること（端末が Android の互換性チェックに合格）',
  'check.attestation.android-safetynet.ctsProfileMatch.explain':
    'ctsProfileMatch は、端末が Google の互換性チェックに合格したこと、つまり認定済みの端末で、root 化や改ざんがされていないことを示します。',
  'check.attestation.android-safetynet.ctsProfileMatch.notEnforced':
    'ctsProfileMatch は {got} です。強制が無効になっているため受け入れます',
  'check.attestation.android-safetynet.ctsProfileMatch.false':
    'ctsProfileMatch は true でなければなりませんが、{got} でした。端末は Android の互換性チェックに合格していません',
  'check.attestation.android-safetynet.timestamp.title': '§8.5 手順 4: timestampMs が新しいこと',
  'check.attestation.android-safetynet.timestamp.explain':
    'SafetyNet の判定は、ある時点の端末の状態を表すものです。新しいものだけを受け付けることで、端末が侵害される前に得た古い判定の使い回しを防ぎます。',
  'check.attestation.android-safetynet.timestamp.off': 'タイムスタンプの検証は無効になっています',
  'check.attestation.android-safetynet.timestamp.missing': 'payload.timestampMs がありません',
  'check.attestation.android-safetynet.timestamp.future': 'timestampMs {timestamp} が検証時刻 {now} より後です',
  'check.attestation.android-safetynet.timestamp.expired':
    'SafetyNet 応答の有効期限が切れています: timestampMs {timestamp} は検証時刻 {now} の {age} ミリ秒前です（上限 {maxAge} ミリ秒）',

  /* ---------------------------------------------------------------- attestation: fido-u2f (§8.6) */
  'check.attestation.fido-u2f.certificateKey.title': '§8.6 手順 2: attCert の公開鍵が P-256 の EC 鍵であること',
  'check.attestation.fido-u2f.certificateKey.explain':
    'U2F 規格が定めるアテステーション鍵は P-256 曲線のものだけです。それ以外の鍵では、正しい U2F アテステーションは作れません。',
  'check.attestation.fido-u2f.certificateKey.invalid': 'アテステーション証明書の鍵は EC P-256 でなければなりませんが、{keyType} です',
  'check.attestation.fido-u2f.publicKeyU2F.title': '§8.6 手順 4: credentialPublicKey が非圧縮の P-256 の点（publicKeyU2F）であること',
  'check.attestation.fido-u2f.publicKeyU2F.explain':
    'U2F のセキュリティキーが作るのは P-256 の鍵だけです。クレデンシャル鍵を、U2F プロトコルで署名の対象になった 65 バイトの生の形式に戻します。',
  'check.attestation.fido-u2f.publicKeyU2F.invalid': 'クレデンシャル公開鍵は、x と y が 32 バイトの EC2 P-256 鍵でなければなりません',
  'check.attestation.fido-u2f.signature.title':
    '§8.6 手順 6: sig が 0x00 || rpIdHash || clientDataHash || credentialId || publicKeyU2F に対して検証できること',
  'check.attestation.fido-u2f.signature.explain':
    'セキュリティキーは、サイト、クライアントデータ、クレデンシャル ID、新しい公開鍵にアテステーション鍵で署名します。署名が正しければ、証明された鍵がこの登録を行ったことが証明されます。',
  'check.attestation.fido-u2f.signature.invalid':
    'attCert による verificationData（{length} バイト）への ES256 署名を検証できません: {reason}',
  'check.attestation.fido-u2f.aaguid.title': 'U2F 認証器の AAGUID（参考情報）',
  'check.attestation.fido-u2f.aaguid.explain':
    'U2F 時代のセキュリティキーは AAGUID より前のもので、すべてゼロの AAGUID を報告します。U2F アテステーションなのにゼロでない AAGUID があるのは珍しいことです。',
  'check.attestation.fido-u2f.aaguid.nonZero': 'U2F 認証器には AAGUID がありません。authenticatorData の AAGUID はゼロであるべきです',

  /* ---------------------------------------------------------------- attestation: none (§8.7) */
  'check.attestation.none.syntax.title': '§8.7: attStmt が空のマップであること',
  'check.attestation.none.syntax.explain':
    '"none" アテステーションでは、認証器（またはプライバシーのためにブラウザー）が型式についての証拠を出しません。その場合ステートメントは空でなければなりません。ほとんどのパスキーはこの方法で登録されます。',
  'check.attestation.none.syntax.empty':
    'アテステーションステートメントはありません。認証器またはクライアントがアテステーションをしないことを選びました',
  'check.attestation.none.syntax.members':
    'none のアテステーションステートメントは空の CBOR マップでなければなりませんが、メンバーが {count} 個あるマップでした',
  'check.attestation.none.syntax.notMap':
    'none のアテステーションステートメントは空の CBOR マップでなければなりませんが、CBOR の {type} でした',

  /* ---------------------------------------------------------------- attestation: apple (§8.8) */
  'check.attestation.apple.nonce.title':
    '§8.8 手順 2〜4: nonce 拡張（1.2.840.113635.100.8.2）が SHA-256(authenticatorData || clientDataHash) と一致すること',
  'check.attestation.apple.nonce.explain':
    'Apple は新しい鍵のために発行する証明書に、この登録のハッシュを書き込みます。一致すれば、その証明書がこの登録のために作られたことが証明されます。',
  'check.attestation.apple.nonce.malformed': 'credCert の nonce 拡張 1.2.840.113635.100.8.2 の形式が不正です',
  'check.attestation.apple.nonce.absent': 'credCert に nonce 拡張 1.2.840.113635.100.8.2 がありません',
  'check.attestation.apple.nonce.mismatch': '証明書の nonce は {expected} でなければなりませんが、{got} でした',
  'check.attestation.apple.publicKey.title': '§8.8 手順 5: クレデンシャル公開鍵が credCert のサブジェクト公開鍵と一致すること',
  'check.attestation.apple.publicKey.explain':
    'Apple の証明書はまさに登録された鍵のものでなければなりません。そうでなければ、別の鍵を保証していることになります。',

  /* ---------------------------------------------------------------- attestation trust (§7.1 steps 23–24) and MDS */
  'check.attestation.trustAnchors.title': '§7.1 手順 23: トラストアンカーの取得',
  'check.attestation.trustAnchors.explain':
    'トラストアンカーは、RP がアテステーションについて受け入れるルート証明書です。同梱のベンダールート、ユーザーが追加したルート、FIDO メタデータサービスのルートがあります。アンカーがなければ、アテステーションをベンダーまでたどれません。',
  'check.attestation.trustAnchors.notVerified':
    'アテステーションステートメントが検証できなかった（手順 22）ため、トラストアンカーは探していません',
  'check.attestation.trustAnchors.found': '{sources} から {count} 個のトラストアンカー',
  'check.attestation.trustAnchors.found.ignored': '{sources} から {count} 個のトラストアンカー。無視したもの: {ignored}',
  'check.attestation.trustAnchors.missing':
    'fmt "{fmt}" のトラストアンカーが一つもありません。ベンダーのルート証明書を追加するか、FIDO メタデータサービスの BLOB を読み込んでください',
  'check.attestation.trustAnchors.missing.ignored':
    'fmt "{fmt}" のトラストアンカーが一つもありません。ベンダーのルート証明書を追加するか、FIDO メタデータサービスの BLOB を読み込んでください。無視したもの: {ignored}',
  'check.attestation.trustAnchors.missing.off':
    'fmt "{fmt}" のトラストアンカーが一つもありません（同梱のルートは無効）。ベンダーのルート証明書を追加するか、FIDO メタデータサービスの BLOB を読み込んでください',
  'check.attestation.trustAnchors.missing.off.ignored':
    'fmt "{fmt}" のトラストアンカーが一つもありません（同梱のルートは無効）。ベンダーのルート証明書を追加するか、FIDO メタデータサービスの BLOB を読み込んでください。無視したもの: {ignored}',
  'check.attestation.trustAnchors.noAttestation': 'アテステーションなし: アンカーにつなぐものがありません',
  'check.attestation.trustAnchors.self':
    'セルフアテステーション: クレデンシャル鍵が自分のアテステーションに署名しているため、アンカーにつなぐ証明書がありません',
  'check.attestation.trust.title': '§7.1 手順 24: アテステーションの信頼性の評価',
  'check.attestation.trust.explain':
    'アテステーション証明書のチェーンは、正しい署名と有効期間をたどって信頼できるルートに至らなければなりません。そうであって初めて、RP はどのベンダーが認証器を作ったかを知ることができます。そうでなければ、型式についての主張は証明されていません。',
  'check.attestation.trust.notVerified': 'アテステーションステートメントを検証できませんでした',
  'check.attestation.trust.skipped': 'アテステーションステートメントが検証できなかったため、スキップしました',
  'check.attestation.trust.valid': '{type} アテステーション。{time} の時点で "{root}"（{anchorOrigin}）まで有効なチェーンです',
  'check.attestation.trust.noAnchors':
    '信頼性を評価できません: {reason}。アテステーションの署名は検証できました。ルートを追加しない限り、このクレデンシャルはアテステーションがないものとして扱ってください。',
  'check.attestation.trust.untrusted': 'チェーンは信頼できません: {reason}',
  'check.attestation.trust.none': 'アテステーションなし: このクレデンシャルを作った認証器については何もわかりません',
  'check.attestation.trust.self': 'セルフアテステーション: 鍵を持っていることは証明されますが、認証器の素性については何もわかりません',
  'check.attestation.mds.title': '認証器の FIDO メタデータサービス上のステータス',
  'check.attestation.mds.explain':
    'FIDO メタデータサービスは、認証器の型式ごとの認定状況とセキュリティ上のステータスを公開しています。侵害や失効が報告された型式は、アテステーションが検証できても信頼すべきではありません。',
  'check.attestation.mds.untrusted': 'FIDO MDS は {name} を {status} と報告しています',
  'check.attestation.mds.untrusted.since': 'FIDO MDS は {name} を {date} から {status} と報告しています',
  'check.attestation.mds.status': '{name}: 最新のステータスは {status}',
  'check.attestation.mds.noStatus': '{name}: 最新のステータスはありません',
  /* ---------------------------------------------------------------- options review (§5.4, §5.5, §5.8) */
  'check.options.bytes.missing': '{member} がありません。これがないと create() と get() は TypeError を投げます',
  'check.options.bytes.buffer':
    '{member} は JSON.stringify でシリアライズされた Node.js の Buffer です（{"type":"Buffer","data":[…]}）。サーバーはそのバイト列の base64url テキストを送る必要があります（buffer.toString("base64url")）',
  'check.options.bytes.typedArray':
    '{member} は JSON.stringify でシリアライズされた Uint8Array です（添字のオブジェクト {"0":…,"1":…}）。サーバーはそのバイト列の base64url テキストを送る必要があります',
  'check.options.bytes.array':
    '{member} は {n} 個の数値の配列です。WebAuthn の JSON はバイト列を base64url テキストで運び、PublicKeyCredential.parseCreationOptionsFromJSON() や一般的なブラウザー用ライブラリもそれを前提にしています',
  'check.options.bytes.notString': '{member} は base64url テキストではなく {type} です',
  'check.options.bytes.notBase64url': '{member} は base64url テキストではないため、ページはそれが表すバイト列に戻せません',
  'check.options.bytes.spelling':
    '{member} は「=」のパディングまたは標準の base64 文字（「+」「/」）で書かれています。WebAuthn の JSON はパディングなしの base64url を使い、厳密なパーサーは別のバイト列を読むか受け付けません',
  'check.options.challenge.title': '§13.4.3: チャレンジが 16 バイト以上の乱数で、base64url であること',
  'check.options.challenge.short': 'チャレンジは {n} バイトです。推測や再利用ができないよう、§13.4.3 は 16 バイト以上の乱数を求めています',
  'check.options.challenge.explain':
    'チャレンジは応答を毎回新しいものにします。認証器がこれに署名し、サーバーは自分が発行してまだ応答を受けていないチャレンジに対する応答だけを受け付けます。誰にも予測できない十分な長さ（16 バイト以上）の乱数でなければならず、WebAuthn の JSON では base64url テキストで運ばれます。',
  'check.options.rp.title': '§5.4.1: rp に name があり、rp.id（指定した場合）がドメインであること',
  'check.options.rp.missing': 'オプションに rp オブジェクトがありません。create() は TypeError を投げます',
  'check.options.rp.noId': 'rp.id はありません。RP ID は create() を呼ぶページのドメインになります',
  'check.options.rp.explain':
    'rp はリライングパーティ（RP）を表します。その id である RP ID はドメイン（ページ自身のドメインかその親）で、すべてのクレデンシャルはこれに結び付けられます。認証器はこれを保存し、そのハッシュに署名します。URL、ポート、IP アドレスはドメインではなく、ブラウザーは認証器に問い合わせる前に拒否します。',
  'check.options.rpId.title': '§5.5: rpId がドメインであること',
  'check.options.rpId.explain':
    'rpId は、使うクレデンシャルがどの RP ID のもとで作られたかを示します。登録時と同じく、ページ自身のドメインかその親のドメインでなければなりません。URL、ポート、IP アドレスはブラウザーが拒否し、別のドメインではクレデンシャルが見つかりません。',
  'check.options.rpId.notDomain':
    '{member} "{id}" はドメインではないため、ブラウザーは SecurityError を投げます。RP ID は "{host}" のようなホスト名だけです（スキーム、ポート、パスは付けません）',
  'check.options.rpId.ip':
    '{member} "{id}" は IP アドレスです。RP ID はドメインでなければならないため、ブラウザーは SecurityError を投げます（localhost かホスト名を使ってください）',
  'check.options.rpId.notString': '{member} がテキストではありません。RP ID は "example.com" のようなドメインです',
  'check.options.member.missing': '{member} がありません。必須のメンバーで、これがないと create() は TypeError を投げます',
  'check.options.user.title': '§5.4.3: user に誰も特定しない 1〜64 バイトの id、name、displayName があること',
  'check.options.user.missing': 'オプションに user オブジェクトがありません。create() は TypeError を投げます',
  'check.options.user.idLength': 'user.id は {n} バイトです。WebAuthn は 1〜64 バイトを求め、それ以外では create() が TypeError を投げます',
  'check.options.user.idIsName':
    'user.id はテキスト "{text}" で、user.name または user.displayName と同じです。§5.4.3 はユーザーハンドルに個人を特定できる情報を入れることを禁じています。認証器はこれを保存し、サインインのたびに返します',
  'check.options.user.idIsEmail':
    'user.id はテキスト "{text}" で、メールアドレスです。§5.4.3 はユーザーハンドルに個人を特定できる情報を入れることを禁じています。認証器はこれを保存し、サインインのたびに返します',
  'check.options.user.idReadable':
    'user.id は読めるテキストです（"{text}"）。ハンドルからユーザーについて何もわからないよう、§14.6.1 は 64 バイトの乱数を推奨しています（データベースの ID や名前では何かがわかります）',
  'check.options.user.explain':
    'ユーザーハンドルである user.id は、ユーザー名なしでパスキーがサインインしたときに RP がアカウントを見分ける手がかりです。認証器はクレデンシャルと一緒にこれを保存して返します。1〜64 バイトで、名前やメールアドレスを含んではいけません。アカウントごとの乱数が最善です。name と displayName はパスキーマネージャーが表示するものです。',
  'check.options.algorithms.title': '§5.4: pubKeyCredParams が公開鍵のアルゴリズムを COSE の番号で挙げていること',
  'check.options.algorithms.missing':
    'pubKeyCredParams がありません（またはリストではありません）。必須のメンバーで、これがないと create() は TypeError を投げます',
  'check.options.algorithms.empty': 'pubKeyCredParams が空です。この場合ブラウザーは ES256 (-7) と RS256 (-257) を求めます',
  'check.options.algorithms.noneUsable':
    'type が "public-key" で alg が数値の項目が 1 つもありません。ブラウザーはすべて無視するため、create() は NotSupportedError で失敗します',
  'check.options.algorithms.ignored':
    '項目 {entries} はブラウザーに無視されます。各項目には type "public-key" と、COSE アルゴリズムの番号としての alg が必要です（ES256 なら "ES256" ではなく -7）',
  'check.options.algorithms.unknown':
    'alg {algs} はこのツールの知らない COSE アルゴリズムです。認証器は対応していないアルゴリズムを飛ばします',
  'check.options.algorithms.noEs256':
    'ES256 (-7) がありません。多くのセキュリティキーは ES256 にしか対応していないため、このオプションでは登録できません',
  'check.options.algorithms.explain':
    'pubKeyCredParams は、サーバーが検証できる署名アルゴリズムを優先順に認証器へ伝えます。認証器は対応している最初のものを選びます。アルゴリズムは COSE の番号で、-7 が ES256（ECDSA P-256）、-8 が EdDSA、-257 が RS256 です。ES256 を入れておけば、ほぼすべての認証器が登録できます。',
  'check.options.enum.title': '{sec}: {member} がブラウザーの知っている値であること',
  'check.options.enum.unknown':
    '{member} "{value}" は {allowed} のいずれでもありません。ブラウザーは知らない値を無視するため既定値（{effective}）になり、RP は求めたものを得られません',
  'check.options.enum.explain':
    'これらのメンバーは、後から値を増やせるよう WebIDL ではただの文字列です。値を知らないブラウザーは、そのメンバーがないものとして無視しなければなりません。そのため綴りを誤った値（"require" など）はエラーにならず、黙って既定値になります。',
  'check.options.selection.notObject': 'authenticatorSelection がオブジェクトではありません。ブラウザーはこれを無視します',
  'check.options.requireResidentKey.title': '§5.4.4: requireResidentKey が residentKey と一致していること',
  'check.options.requireResidentKey.conflict':
    'requireResidentKey は {rrk} ですが residentKey は "{rk}" です。ブラウザーは residentKey に従います。requireResidentKey しか知らない古いブラウザーのために、§5.4.4 は residentKey が "required" のときに限り requireResidentKey を true にするよう求めています',
  'check.options.requireResidentKey.explain':
    'requireResidentKey は、発見可能なクレデンシャル（パスキー）を求める WebAuthn レベル 1 の方法で、residentKey に置き換えられました。residentKey を知るブラウザーは requireResidentKey を無視し、古いブラウザーは requireResidentKey だけを読むので、両者は同じことを言うべきです。',
  'check.options.credentials.title':
    '§5.8.3: {list} の各項目に base64url の id と type "public-key" があり、transports が既知の値であること',
  'check.options.credentials.notList': '{list} がリストではありません。create() と get() は TypeError を投げます',
  'check.options.credentials.unknownType': '{list} の項目 {entries} は type が "public-key" ではありません。ブラウザーはこれらを無視します',
  'check.options.credentials.cable':
    '{list} に WebAuthn の値ではないトランスポート "cable" があります。スマートフォン経由のトランスポートは "hybrid" です（ブラウザーは "cable" を無視します）',
  'check.options.credentials.unknownTransport':
    '{list} に知らないトランスポートがあり、ブラウザーはこれを無視します（{values}）。トランスポートは {allowed} です',
  'check.options.credentials.discoverable': '空です。発見可能なサインインになります（認証器がこの RP ID のパスキーを示します）',
  'check.options.credentials.explain':
    '各項目はクレデンシャルを id（base64url）で指し、その認証器への到達方法（登録時に getTransports() が返した transports）を添えることができます。excludeCredentials は、そのいずれかをすでに持つ認証器での二重登録を防ぎ、allowCredentials はサインインをそれらに限ります。',
  'check.options.timeout.title': '§15.1: timeout が推奨範囲のミリ秒の数値であること',
  'check.options.timeout.notNumber': 'timeout はミリ秒の数値ではなく {value} です',
  'check.options.timeout.short':
    'timeout は {ms} ミリ秒（{s} 秒）です。セキュリティキーを探したりスマートフォンのロックを解除したりするユーザーは間に合わないことがあります。§15.1 は 300000〜600000 ミリ秒を推奨しています',
  'check.options.timeout.explain':
    'timeout は、ブラウザーがユーザーを待つ時間の目安（ミリ秒）です。ブラウザーはこれを短くも長くもできます。短すぎると実際のユーザー（キーを探す、スマートフォンで QR コードを読む）が失敗します。§15.1 は 5〜10 分を推奨しています。',
  'check.options.hints.title': '§5.4.7: hints がブラウザーの知っている値であること',
  'check.options.hints.unknown': '知らないヒントはブラウザーに無視されます（{values}）。ヒントは {allowed} です',
  'check.options.hints.explain':
    'hints は、どの種類の認証器を先に示すかをブラウザーに伝えます。security-key、client-device（この端末のプラットフォーム認証器）、hybrid（スマートフォン）があり、優先順に並べたヒントにすぎません。知らない値は無視されます。',
  'check.options.extensions.title': '§9: extensions がこのセレモニーでブラウザーの知っているものであること',
  'check.options.extensions.notObject': 'extensions がオブジェクトではありません。ブラウザーはこれを無視します',
  'check.options.extensions.credProtect':
    '"credProtect" は CTAP での名前です。WebAuthn の入力は credentialProtectionPolicy（と enforceCredentialProtectionPolicy）で、ブラウザーは "credProtect" を無視します',
  'check.options.extensions.removed': 'もう WebAuthn にない拡張（レベル 2 または 3 で削除）で、ブラウザーは無視します: {names}',
  'check.options.extensions.getOnly': 'get()（認証）専用の拡張で、create() は無視します: {names}',
  'check.options.extensions.createOnly': 'create()（登録）専用の拡張で、get() は無視します: {names}',
  'check.options.extensions.unknown': 'このツールの知らない拡張で、ブラウザーは対応していない拡張を無視します: {names}',
  'check.options.extensions.explain':
    '拡張はセレモニーの基本以上のもの（credProps、prf、largeBlob など）を求めます。ブラウザーはこのセレモニーで対応している識別子だけを処理し、残りはエラーなしで捨てるため、名前を誤った拡張は単に存在しないことになります。',
};

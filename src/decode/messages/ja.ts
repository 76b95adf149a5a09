/** やさしい説明（日本語）。Field.explain のメッセージ ID ごと。 */
import type { Catalog } from './i18n.ts';
import type { en } from './en';
export const ja: Catalog<typeof en> = {
  'common.field': 'メッセージの一部です。意味は親の項目とリンク先の仕様を参照してください。',
  'common.unparsed': 'デコードできなかったバイトです。どこで、なぜ止まったかはエラー一覧に表示されます。',

  'cbor.header':
    'CBOR のヘッダー：先頭バイトがメジャータイプ（整数・バイト列・文字列・配列・マップ・タグ・単純値/浮動小数点）を示し、続くバイトと合わせて長さまたは値を表します。',
  'cbor.mapKey': 'CBOR マップの項目のキーです。WebAuthn と CTAP2 では、キーは正準の順序で並び、重複してはいけません。',
  'cbor.folded':
    'フィールドツリーが展開する範囲（先頭の 2,000 項目、1 メッセージにつき最大 20,000 フィールド）を超えてこのコンテナが持つ項目です。実際の WebAuthn メッセージがこれに近づくことはありません。これほど大きなメッセージは、すべての項目にフィールドを作らずに示します。バイト列はすべて 16 進表示で見られます。',
  'cbor.break': '不定長の CBOR 項目を終わらせる「break」バイト（0xff）です。CTAP2 の正準 CBOR では不定長は使えません。',
  'input.cbor': 'このツールが認識する WebAuthn の構造のどれにも当てはまらない CBOR データです。',
  'json.syntax': 'JSON の記号や空白（波かっこ、引用符、コロン、カンマ、スペース）です。データは持ちませんが、署名対象のバイトの一部です。',
  'json.key': 'JSON メンバーの名前です。クライアントが送った順に並んでいます。',

  credential:
    'JSON 形式の PublicKeyCredential（WebAuthn L3 の toJSON()）です。ブラウザーがページに返し、ページがサーバーに送ったものです。',
  'options.creation':
    '作成オプションです。RP が navigator.credentials.create() に求めた内容を、サーバーが送ったとおりに示します（PublicKeyCredentialCreationOptionsJSON）。下の確認のチェックは、ブラウザーが何を拒否し何を無視するかを示します。',
  'options.request':
    '要求オプションです。RP が navigator.credentials.get() に求めた内容を、サーバーが送ったとおりに示します（PublicKeyCredentialRequestOptionsJSON）。下の確認のチェックは、ブラウザーが何を拒否し何を無視するかを示します。',
  'options.challenge':
    'チャレンジです。サーバーが作る乱数のバイト列（JSON では base64url）で、認証器がこれに署名します。16 バイト以上で、再利用しません。',
  'options.rp': 'リライングパーティ（RP）です。表示名と、すべてのクレデンシャルが結び付けられる id（RP ID、ドメイン）を持ちます。',
  'options.user':
    'アカウントです。id（ユーザーハンドル、誰も特定しない 1〜64 バイト）、name と displayName（パスキーマネージャーが表示するもの）を持ちます。',
  'options.user.id':
    'ユーザーハンドルです（JSON では base64url）。クレデンシャルと一緒に保存され、サインイン時に返されます。名前やメールアドレスではなく乱数にします。',
  'options.pubKeyCredParams':
    'サーバーが受け付ける署名アルゴリズムを優先順に COSE の番号で示します（-7 が ES256、-8 が EdDSA、-257 が RS256）。',
  'options.authenticatorSelection':
    'RP が求める認証器とクレデンシャルの種類です。residentKey（パスキー）、userVerification（PIN または生体認証）、authenticatorAttachment があります。',
  'options.attestation': '認証器の機種の証明を求めるかどうかです。none（既定値）、indirect、direct、enterprise があります。',
  'options.credentials':
    'id で指定したクレデンシャル（とその到達方法）です。excludeCredentials は同じ認証器での二重登録を防ぎ、allowCredentials はサインインをそれらに限ります。',
  'options.timeout': 'ブラウザーがユーザーを待つ時間（ミリ秒）です。ブラウザーが変えることのある目安です。',
  'options.hints': 'ブラウザーが先に示す認証器の種類です。security-key、client-device、hybrid（スマートフォン）があります。',
  'options.extensions': '拡張の入力（credProps、prf、largeBlob など）です。ブラウザーは対応しているものを処理し、残りを捨てます。',
  'options.rpId': '使うクレデンシャルが作られた RP ID です。ページ自身のドメインかその親のドメインです。',
  'options.userVerification':
    'サインインでユーザー検証（PIN または生体認証）を求めるかどうかです。required、preferred（既定値）、discouraged があります。',
  'credential.id': 'base64url 文字列のクレデンシャル ID です。rawId と、登録時は認証器データ内のクレデンシャル ID と一致するはずです。',
  'credential.rawId':
    'クレデンシャル ID のバイト列（JSON では base64url）です。サーバーはこれを保存し、サインイン時に公開鍵を探すのに使います。',
  'credential.type': 'WebAuthn のクレデンシャルでは常に "public-key" です。',
  'credential.authenticatorAttachment':
    '認証器の種類：「platform」は端末内蔵（Windows Hello、Touch ID など）、「cross-platform」はセキュリティキーやスマートフォンです。',
  'credential.response':
    '認証器の応答です。clientDataJSON に加え、登録では attestationObject、サインインでは authenticatorData・signature・userHandle が入ります。',
  'credential.transports':
    'この認証器に再び接続する方法（usb、nfc、ble、internal、hybrid）です。サーバーは allowCredentials のヒントとして保存します。',
  'credential.clientDataJSON': 'base64url 文字列の clientDataJSON です。デコードしたバイト列は別のバッファーとして表示されます。',
  'credential.attestationObject':
    'base64url 文字列のアテステーションオブジェクトです。デコードした CBOR は別のバッファーとして表示されます。',
  'credential.authenticatorData':
    'base64url 文字列の認証器データです。デコードしたバイト列は別のバッファーとして表示されます（登録では attestationObject.authData の写しです）。',
  'credential.signature': 'base64url 文字列のアサーション署名です。デコードしたバイト列は別のバッファーとして表示されます。',
  'credential.userHandle': 'base64url 文字列のユーザーハンドルです。登録時にサーバーが決めた user.id です。',
  'credential.publicKey': 'COSE を読めないサーバーのために、クレデンシャル公開鍵を SubjectPublicKeyInfo（DER）で写したものです。',
  'credential.publicKeyAlgorithm': '新しいクレデンシャルの COSE アルゴリズム番号の写しです（例：-7 = ES256）。',

  clientData:
    'clientDataJSON：ブラウザーが見た内容（セレモニーの種類、チャレンジ、オリジン）です。認証器はその SHA-256 ハッシュに署名するので、署名がこのサイトとこのチャレンジに結び付きます。',
  'clientData.type':
    '登録では "webauthn.create"、サインインでは "webauthn.get" です。これを確かめることで、一方のための署名をもう一方に使い回されるのを防ぎます。',
  'clientData.challenge':
    'サーバーが出したランダムなチャレンジを、ブラウザーが base64url にしたものです。サーバーは自分が発行した未使用のものかを確かめます。これでリプレイ攻撃を防ぎます。',
  'clientData.origin':
    'セレモニーを実行したページのオリジン（スキーム・ホスト・ポート）です。フィッシングサイトはオリジンが違うため、そこではパスキーを使えません。',
  'clientData.crossOrigin': 'トップレベルのページとオリジンが異なる iframe の中でセレモニーが実行されたとき true になります。',
  'clientData.topOrigin': 'クロスオリジンの iframe で実行されたときの、トップレベルページのオリジンです。',
  'clientData.tokenBinding':
    'トークンバインディングの情報です（WebAuthn レベル 2 の項目で、レベル 3 では削除）。TLS 接続がトークンバインドされていたかを示します。',
  'clientData.tokenBinding.status':
    'トークンバインディングの状態：「present」（使用中）または「supported」（対応しているが未使用）。それ以外の値は不正です。',
  'clientData.tokenBinding.id': 'status が "present" のときのトークンバインディング ID（base64url）です。',
  'clientData.unknownKey':
    'WebAuthn レベル 3 が定義していないメンバーです。ブラウザーが独自に追加することがあります（例：androidPackageName）。サーバーは無視すべきです。',

  attestationObject:
    'アテステーションオブジェクト：アテステーション形式（fmt）、アテステーションステートメント（attStmt）、認証器データ（authData）を持つ CBOR マップです。',
  'attestationObject.unknownKey': 'アテステーションオブジェクトに定義されていないメンバーです。',
  fmt: 'アテステーションステートメントの形式です。認証器が自分の素性をどう証明するかを示します（packed、tpm、android-key、android-safetynet、fido-u2f、apple、none）。',
  attStmt: 'アテステーションステートメント：fmt が示す形式で、認証器のメーカーや機種を証明する署名と証明書です。',

  authData:
    '認証器データ：認証器が署名するバイト列です。RP ID のハッシュ、フラグ、署名カウンター、そして（登録時は）新しいクレデンシャルが入ります。',
  'authData.rpIdHash': 'クレデンシャルが属する RP ID（サイトのドメイン）の SHA-256 です。サーバーは自分の RP ID のハッシュと比べます。',
  'authData.flags':
    '1 バイトのフラグ：ユーザー存在（UP）、ユーザー検証（UV）、バックアップ可能（BE）、バックアップ済み（BS）、クレデンシャルデータあり（AT）、拡張あり（ED）。',
  'authData.flags.UP': 'ユーザー存在（UP）：ユーザーが認証器に触れるなどの操作をしたことを示します。',
  'authData.flags.RFU1': '将来のための予約ビットです。0 でなければなりません。',
  'authData.flags.UV': 'ユーザー検証（UV）：存在だけでなく、PIN・指紋・顔などでユーザー検証をしたことを示します。',
  'authData.flags.BE':
    'バックアップ可能（BE）：クレデンシャルが同期・バックアップされうる（複数端末で使えるパスキー）ことを示します。クレデンシャルの生涯を通じて変わりません。',
  'authData.flags.BS':
    'バックアップ状態（BS）：クレデンシャルが現在バックアップ・同期されていることを示します。BE が 1 のときだけ 1 になれます。',
  'authData.flags.RFU2': '将来のための予約ビットです。0 でなければなりません。',
  'authData.flags.AT': '登録時に付く、クレデンシャルデータ（AAGUID、クレデンシャル ID、公開鍵）が続くことを示すフラグです。',
  'authData.flags.ED': '認証器データの最後に拡張の出力が続くことを示します。',
  'authData.signCount':
    '署名カウンターです。カウンターを持つ認証器は使うたびに増やします。増えなかった場合は鍵が複製された疑いがあります。多くのパスキーは常に 0 を送ります。',
  'authData.attestedCredentialData': '新しいクレデンシャル：認証器の機種（AAGUID）、クレデンシャル ID、クレデンシャル公開鍵です。',
  'authData.aaguid': 'AAGUID：認証器の機種（例：YubiKey 5、iCloud キーチェーン）を表します。すべて 0 の場合は公開されていません。',
  'authData.credentialIdLength': '続くクレデンシャル ID のバイト数です（最大 1023）。',
  'authData.credentialId': 'クレデンシャル ID：サーバーが保存し、サインイン時にこのクレデンシャルを指すために送り返す識別子です。',
  'authData.credentialPublicKey':
    'COSE_Key 形式のクレデンシャル公開鍵です。サーバーはこれを保存し、以後のサインインの署名をこれで検証します。',
  'authData.extensions': '認証器拡張の出力：拡張名から出力への CBOR マップです。',

  'cose.key': 'COSE_Key 形式の公開鍵（数値ラベルを持つ CBOR マップ）です。',
  'cose.kty': '鍵の種類：1 = OKP（エドワーズ曲線）、2 = EC2（NIST 曲線）、3 = RSA、7 = AKP（耐量子署名 ML-DSA）。',
  'cose.kid': '鍵の識別子です。',
  'cose.alg': 'この鍵で使う署名アルゴリズム（COSE の番号。例：-7 = ES256、-8 = EdDSA、-257 = RS256、-48 = ML-DSA-44）です。',
  'cose.crv': '楕円曲線：1 = P-256、2 = P-384、3 = P-521、6 = Ed25519、7 = Ed448。',
  'cose.x': '公開点の x 座標（EC2）、または公開鍵のバイト列（OKP）です。',
  'cose.y': '公開点の y 座標（EC2）です。',
  'cose.n': 'RSA の法（モジュラス）です。',
  'cose.e': 'RSA の公開指数です（通常は 65537）。',
  'cose.pub': 'ML-DSA（FIPS 204 の耐量子署名方式）の公開鍵のバイト列です。',

  'ext.credProtect':
    'credProtect：クレデンシャルの保護レベルです。1 = UV は任意、2 = クレデンシャル ID リストがあれば UV は任意、3 = UV 必須。',
  'ext.hmacSecret': 'hmac-secret：認証器がこのクレデンシャルから秘密値を導出できることを示します（WebAuthn の PRF 拡張の土台）。',
  'ext.minPinLength': 'minPinLength：認証器の現在の最小 PIN 長です。',
  'ext.credBlob': 'credBlob：クレデンシャルと一緒に保存される小さなデータです（登録時は保存できたかどうか、サインイン時はそのデータ）。',
  'ext.largeBlobKey': 'largeBlobKey：認証器の大容量 blob 領域にあるこのクレデンシャル用データを暗号化する鍵です。',
  'ext.thirdPartyPayment': 'thirdPartyPayment：他サイトの決済（Secure Payment Confirmation）にこのクレデンシャルを使えるかどうかです。',
  'ext.devicePubKey': 'devicePubKey：同期されるパスキーと並んで、端末に固定された鍵を証明していた、廃止済みのドラフト拡張です。',
  'ext.credProps': 'credProps：作成されたクレデンシャルの性質です。',
  'ext.unknown': 'このツールが知らない認証器拡張です。',

  clientExtensionResults: 'クライアント拡張の結果：要求された拡張についてブラウザーが報告する内容です（認証器の署名は付きません）。',
  'clientExt.credProps': 'credProps：ブラウザーが報告する、新しいクレデンシャルの性質です。',
  'clientExt.credProps.rk': 'rk：ユーザー名を入力せずに使える「発見可能なクレデンシャル」（パスキー）が作られたとき true です。',
  'clientExt.prf': 'prf：クレデンシャルから導出される疑似乱数関数の出力です（エンドツーエンド暗号の鍵などに使います）。',
  'clientExt.prf.enabled': 'enabled：このクレデンシャルで PRF を使えるかどうかです。',
  'clientExt.prf.results': 'results：サイトが渡した入力に対する PRF の出力です。',
  'clientExt.prf.first': 'first：1 つ目の入力に対する PRF 出力（32 バイト）です。',
  'clientExt.prf.second': 'second：2 つ目の入力に対する PRF 出力（32 バイト）です（入力があった場合）。',
  'clientExt.largeBlob': 'largeBlob：認証器に大きめのデータ（証明書など）を保存する機能です。',
  'clientExt.largeBlob.supported': 'supported：認証器が largeBlob に対応しているかどうかです（登録時）。',
  'clientExt.largeBlob.written': 'written：データが書き込まれたかどうかです（書き込み要求付きのサインイン）。',
  'clientExt.largeBlob.blob': 'blob：認証器から読み出したデータです（読み出し要求付きのサインイン）。',
  'clientExt.appid': 'appid：RP ID の代わりに旧来の FIDO U2F AppID が使われたかどうかです。',
  'clientExt.appidExclude': 'appidExclude：既存の U2F クレデンシャルを除外するために旧来の AppID が使われたかどうかです。',
  'clientExt.hmacCreateSecret': 'hmacCreateSecret：新しいクレデンシャルで hmac-secret が有効になったかどうかです。',
  'clientExt.credProtect': 'credProtect：適用されたクレデンシャル保護ポリシーです。',
  'clientExt.credBlob': 'credBlob：データが保存されたかどうか、または読み出したデータです。',
  'clientExt.minPinLength': 'minPinLength：認証器の最小 PIN 長です。',
  'clientExt.unknown': 'このツールが知らないクライアント拡張の結果です。',

  'assertion.signature':
    'アサーション署名：authenticatorData の後に SHA-256(clientDataJSON) をつなげたものに、クレデンシャルの秘密鍵で署名したものです。',
  'assertion.userHandle':
    'ユーザーハンドル：登録時にサーバーが決めた user.id です。発見可能なクレデンシャルでは、どのアカウントがサインインしているかをサーバーに伝えます。',
  'signature.derSequence': 'ECDSA 署名（ECDSA-Sig-Value）の DER SEQUENCE ヘッダーです。',
  'signature.r': 'r：ECDSA 署名の前半（整数）です。',
  'signature.s': 's：ECDSA 署名の後半（整数）です。',
};

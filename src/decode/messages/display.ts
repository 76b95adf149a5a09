/**
 * The field tree's short forms (Field.display) in Japanese. The dissector writes them in English,
 * Wireshark-style: spec identifiers (keyUsage, TPMT_PUBLIC, signCount), CBOR / JSON notation (map(3),
 * bytes(32)), values and names, joined by a small vocabulary of English words ("object (4 members)",
 * "issued by", "with attested credential data"). The identifiers, notation and values stay; the
 * vocabulary is replaced here, phrase by phrase, in the terms of docs/glossary.md. A table rather than
 * an id per display: the displays number in the hundreds and are built from a few dozen phrases, and
 * the CLI, the tests and exported JSON keep the English form.
 */
import type { Lang } from './i18n.ts';

/** [English phrase, Japanese] in the order applied: longer and more specific phrases first. */
const JA: readonly [RegExp, string][] = [
  // Structure of JSON, CBOR and DER.
  [/\bobject \((\d+) members?\)/g, 'オブジェクト（$1 メンバー）'],
  [/\barray \((\d+)\)/g, '配列（$1 要素）'],
  [/\b(array|map|bytes|text|tag) header, indefinite length/g, '$1 のヘッダー、不定長'],
  [/\bmap header, (\d+) entr(?:y|ies)/g, 'map のヘッダー、$1 エントリー'],
  [/\barray header, (\d+) items?/g, 'array のヘッダー、$1 項目'],
  [/\b(bytes|text) header, length (\d+)/g, '$1 のヘッダー、長さ $2'],
  [/\btag header, tag /g, 'tag のヘッダー、タグ '],
  [/ ?\(only (\d+) decoded before the input ended\)/g, '（入力が終わるまでにデコードできたのは $1 個）'],
  [/ of (\d+) declared\)/g, '／宣言 $1)'],
  [/\[incomplete\]/g, '［不完全］'],
  [
    /\bmap key (\S+) at offset (\d+) should sort before (\S+) \(CTAP2 canonical order: major type, then length, then bytes\)/g,
    'map のキー $1（オフセット $2）は $3 より前に並ぶべきです（CTAP2 の正準順序: メジャータイプ、長さ、バイト列の順）',
  ],
  [
    /\bargument (\d+) encoded in (\d+) bytes; a shorter encoding exists/g,
    '引数 $1 が $2 バイトで符号化されています。より短い符号化があります',
  ],
  [
    /\bfloat encoded in (\d+) bytes; (\d+) bytes would preserve the value/g,
    '浮動小数点数が $1 バイトで符号化されています。$2 バイトで値を保てます',
  ],
  [/\btag (\d+) present \(CTAP2 canonical CBOR does not use tags\)/g, 'タグ $1 があります（CTAP2 の正準 CBOR はタグを使いません）'],
  [/\[non-canonical: /g, '［非正準: '],
  [/\bbreak \(0xff\)/g, 'break（0xff、不定長の終わり）'],
  [/\bSEQUENCE \((\d+) elements?\)/g, 'SEQUENCE（$1 要素）'],
  [/\((\d+) elements?\)/g, '（$1 要素）'],
  [/(\d+) bytes not decoded: malformed DER element/g, '$1 バイトはデコードできません: DER の要素が不正です'],
  [/(\d+) unused bits/g, '未使用 $1 ビット'],
  [/(\d+) bytes of CBOR/g, 'CBOR $1 バイト'],
  [
    /(\d+) bytes of JSON \(member order ([^;]+); browsers serialize type, challenge, origin first\)/g,
    'JSON $1 バイト（メンバーの順序 $2。ブラウザーは type、challenge、origin の順に直列化します）',
  ],
  [/(\d+) bytes of JSON/g, 'JSON $1 バイト'],
  [/\bdecoded below as (\w+)/g, '下で $1 としてデコード'],
  [/\bthe same bytes as ([\w.]+)/g, '$1 と同じバイト列'],
  [
    /\[standard base64 alphabet \(\+ \/\); WebAuthn JSON uses unpadded base64url\]/g,
    '［標準の base64 文字（+ /）。WebAuthn の JSON はパディングなしの base64url を使います］',
  ],
  [
    /\[hex, not base64url \(decoded as hex because it forms a DER signature\)\]/g,
    '［base64url ではなく 16 進（DER 署名の形になるため 16 進として読みました）］',
  ],
  [
    /\['=' padding; WebAuthn JSON uses unpadded base64url\]/g,
    "［'=' のパディングあり。WebAuthn の JSON はパディングなしの base64url を使います］",
  ],
  [/(\d+) bytes?, not recognized/g, '$1 バイト、認識できません'],
  [
    /\bempty: a discoverable sign-in \(the authenticator offers its passkeys for this RP\)/g,
    '空: 発見可能なクレデンシャルによるサインイン（認証器がこの RP のパスキーを提示します）',
  ],
  [/\(not a member of the attestation object: not expanded\)/g, '（アテステーションオブジェクトのメンバーではありません。展開しません）'],
  [/\(not a member of the attestation object\)/g, '（アテステーションオブジェクトのメンバーではありません）'],
  [/: not expanded \((\d+) bytes?\)/g, '：展開しません（$1 バイト）'],
  [/(\d+) more (?:items?|entry|entries) not expanded \((\d+) bytes\)/g, 'さらに $1 個は展開しません（$2 バイト）'],
  [/\(empty subject\)/g, '（subject なし）'],
  [/\(empty\)/g, '（空）'],
  [/ — issued by /g, ' — 発行者 '],
  [/\bCA certificate (\d+)/g, 'CA 証明書 $1'],
  [/\bv(\d+) certificate for /g, 'v$1 証明書: '],
  [/(\d+) certificate\(s\) from the JWS header x5c/g, 'JWS ヘッダー x5c の証明書 $1 件'],
  [/(\d+) certificates?\b/g, '証明書 $1 件'],
  [/(\d+) extensions?\b/g, '拡張 $1 件'],
  [/(\d+) tags?\b/g, 'タグ $1 個'],
  [/(\d+) credentials?\b/g, 'クレデンシャル $1 件'],
  [/(\d+) algorithms?, preferred first: /g, 'アルゴリズム $1 個（優先順）: '],
  [/ ?\(critical\)/g, '（重要）'],
  [
    /\(cA FALSE is encoded explicitly; DER omits DEFAULT values \(X\.690 §11\.5\)\)/g,
    '（cA FALSE が明示的に符号化されています。DER では DEFAULT の値を省きます（X.690 §11.5））',
  ],
  [/\bno keyIdentifier/g, 'keyIdentifier なし'],
  // WebAuthn and CTAP: the flag bits and what is wrong with them.
  [/\bbit (\d) = ([01])/g, 'ビット $1 = $2'],
  [/\(user present\)/g, '（ユーザーの存在を確認）'],
  [/\(user NOT present\)/g, '（ユーザーの存在は未確認）'],
  [/\(user verified\)/g, '（ユーザー検証済み）'],
  [/\(user not verified\)/g, '（ユーザー検証なし）'],
  [/\(backup eligible: a multi-device \/ synced passkey\)/g, '（バックアップ可能: 複数デバイス／同期パスキー）'],
  [/\(not backup eligible: single-device credential\)/g, '（バックアップ不可: デバイス固定のクレデンシャル）'],
  [/\(currently backed up\)/g, '（バックアップ済み）'],
  [/\(not backed up\)/g, '（バックアップされていない）'],
  [/\(attested credential data included\)/g, '（アテステーション済みクレデンシャルデータを含む）'],
  [/\(extension data included\)/g, '（拡張データを含む）'],
  [/\(reserved, should be 0\)/g, '（予約済み。0 であるべき）'],
  [/\(reserved\)/g, '（予約済み）'],
  [
    /BS \(backed up\) is set but BE \(backup eligible\) is not: a credential that is not backup-eligible cannot be backed up/g,
    'BS（バックアップ済み）が立っていますが BE（バックアップ可能）は立っていません。バックアップ可能でないクレデンシャルはバックアップされえません',
  ],
  [/\bUV is set without UP/g, 'UV が UP なしで立っています'],
  [
    /\b(RFU[12]) \(bit (\d)\) is set; reserved bits must be zero/g,
    '$1（ビット $2）が立っています。予約済みのビットは 0 でなければなりません',
  ],
  [/\battestation certificate: /g, 'アテステーションの証明書: '],
  [/\(TPM device attributes\)/g, '（TPM デバイス属性）'],
  [/\bJWS protected header \(base64url, (\d+) bytes decoded\)/g, 'JWS 保護ヘッダー（base64url、デコード後 $1 バイト）'],
  [/\bJWS payload \(base64url, (\d+) bytes decoded\)/g, 'JWS ペイロード（base64url、デコード後 $1 バイト）'],
  [/\bJWS signature, /g, 'JWS 署名、'],
  [/\(params ([0-9a-f]+)\)/g, '（パラメーター $1）'],
  // WebAuthn and CTAP.
  [/, with attested credential data/g, '、アテステーション済みクレデンシャルデータあり'],
  [/, with extensions/g, '、拡張あり'],
  [/\bflags /g, 'フラグ '],
  [/\bcredential ID (\d+) bytes, ([\w-]+) key/g, 'クレデンシャル ID $1 バイト、$2 鍵'],
  [/\bcredential id: /g, 'クレデンシャル ID: '],
  [/\buser handle: /g, 'ユーザーハンドル: '],
  [/\(all zero: no AAGUID given\)/g, '（すべてゼロ: AAGUID は示されていません）'],
  [/\((\d+): the authenticator does not implement a counter, or first use\)/g, '（$1: 認証器がカウンターを持たないか、初回の使用）'],
  [/ \((\d+) s\): a hint, the browser may change it/g, '（$1 秒）: ヒントであり、ブラウザーが変えることがあります'],
  [/\(default (\d+)\)/g, '（既定値 $1）'],
  [/\(extension not known to this tool\)/g, '（このツールが知らない拡張）'],
  [/\(member not defined by WebAuthn L3\)/g, '（WebAuthn L3 が定義していないメンバー）'],
  [/\[differs from the credential ID in authData\]/g, '［authData のクレデンシャル ID と異なります］'],
  [
    /\[expected an object \{status, id\}; some U2F-era clients send a string\]/g,
    '［オブジェクト {status, id} のはずです。U2F 時代のクライアントには文字列を送るものがあります］',
  ],
  [/\(a non-discoverable credential was created\)/g, '（発見可能でないクレデンシャルが作成されました）'],
  [/\(created\/used in a cross-origin iframe\)/g, '（クロスオリジンの iframe で作成／使用）'],
  [/\bcreation options \(what the RP asked create\(\) for\)/g, '作成オプション（RP が create() に求めた内容）'],
  [/\brequest options \(what the RP asked get\(\) for\)/g, '要求オプション（RP が get() に求めた内容）'],
  [/\b(webauthn\.(?:create|get)) from /g, '$1、送信元 '],
  [/(\S+) attestation statement \((\d+) members?\)/g, '$1 アテステーションステートメント（$2 メンバー）'],
  [/(\S+) attestation statement \(empty\)/g, '$1 アテステーションステートメント（空）'],
  [/(\S+) attestation statement/g, '$1 アテステーションステートメント'],
  [/\battestation signature/g, 'アテステーションの署名'],
  [/\bstructure the signature is over/g, '（署名の対象となる構造体）'],
  [/\bstructure of the credential public key/g, '（クレデンシャル公開鍵の構造体）'],
  [/\(device-bound key attestation \(obsolete draft extension\)\)/g, '（デバイス固定鍵のアテステーション。廃止されたドラフトの拡張）'],
  [/\battestation v(\d+)/g, 'アテステーション v$1'],
  [/\bAndroid key attestation \(KeyDescription\)/g, 'Android 鍵アテステーション（KeyDescription）'],
  [/\bAndroid provisioning info/g, 'Android プロビジョニング情報'],
  [/\bApple anonymous attestation nonce/g, 'Apple 匿名アテステーションの nonce'],
  [/\bYubico device identifier/g, 'Yubico デバイス識別子'],
  [/\bGoogle Play Services version /g, 'Google Play 開発者サービスのバージョン '],
  [/\bpurpose (\w+), origin (\w+)/g, 'purpose $1、origin $2'],
  [/\bclock (\S+) ms, resets (\S+), restarts (\S+)/g, 'clock $1 ms、resets $2、restarts $3'],
  [/\bunknown algorithm/g, '不明なアルゴリズム'],
  [/\b(\d+)-bit modulus/g, '$1 ビットの法'],
  [/\bRSA modulus, (\d+) bits/g, 'RSA の法、$1 ビット'],
  [/\bDER signature/g, 'DER 署名'],
  [/\bsignature, (\d+) bytes/g, '署名、$1 バイト'],
  [/\bdigest /g, 'ダイジェスト '],
  [/\bpresent\b/g, 'あり'],
  [/\bnonce /g, 'nonce '],
  // What a part that could not be decoded says is in the list of decoding errors, in Japanese.
  [/(\d+) bytes? not decoded: .*$/g, '$1 バイトはデコードできませんでした（理由はデコードエラーの一覧にあります）'],
  // Units last: "N bytes" / "N bits" wherever they remain.
  [/(\d+) bytes?\b/g, '$1 バイト'],
  [/(\d+) bits?\b/g, '$1 ビット'],
  [/\blength (\d+)/g, '長さ $1'],
];

/** A bracketed note that still reads as English prose (a decoding problem the table has no phrase for). */
const ENGLISH_NOTE = /\[[^[\]]*\b[a-z]{2,} [a-z]{2,}\b[^[\]]*\]/g;

/**
 * `display` in `lang`: as it is in English; in Japanese with the vocabulary replaced, and a note in
 * brackets that the table does not know (the text of a decoding problem) pointing to the error list,
 * where each problem has its Japanese sentence (decodeErrorText).
 */
export function displayText(display: string, lang: Lang = 'en'): string {
  if (lang === 'en' || !display) return display;
  const known = translated.get(display);
  if (known !== undefined) return known;
  let s = display;
  for (const [re, to] of JA) s = s.replace(re, to);
  s = s.replace(ENGLISH_NOTE, '［問題あり: デコードエラーの一覧を参照］');
  // Displays repeat across a tree and across renders and searches: each is translated once (bounded).
  if (translated.size >= MAX_CACHED) translated.clear();
  translated.set(display, s);
  return s;
}

const MAX_CACHED = 50_000;
const translated = new Map<string, string>();

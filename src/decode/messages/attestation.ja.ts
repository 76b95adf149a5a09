/**
 * アテステーション・X.509・トラストのフィールドとチェックのやさしい説明（日本語、PART B）。
 * src/decode/messages のカタログにマージされる。
 */
import type { Catalog } from './i18n.ts';
import type { attestationMessagesEn } from './attestation.en';
export const attestationMessagesJa: Catalog<typeof attestationMessagesEn> = {
  'attestation.attStmt': 'アテステーションステートメント: fmt が示す形式で、認証器が自分自身と新しい鍵について示す証拠です。',
  'attestation.member.alg': 'アテステーション署名の COSE アルゴリズム（例: -7 = ES256、-257 = RS256）。',
  'attestation.member.sig': 'アテステーションの署名。ECDSA では r と s の 2 つの整数からなる DER の SEQUENCE です。',
  'attestation.member.x5c':
    '先頭がアテステーション証明書、続いてそれを発行した証明書。RP はこのチェーンが信頼するルートにつながるかを確認します。',
  'attestation.member.ver': 'ステートメント形式のバージョン（TPM は "2.0"、SafetyNet は Google Play 開発者サービスのバージョン）。',
  'attestation.member.certInfo': 'TPMS_ATTEST: TPM が署名した内容。新しい鍵をハッシュで示し、extraData に登録データのハッシュを含みます。',
  'attestation.member.pubArea': 'TPMT_PUBLIC: TPM による新しい鍵の記述。クレデンシャル公開鍵と同じ鍵でなければなりません。',
  'attestation.member.response': 'SafetyNet の応答: 端末について Google Play 開発者サービスが署名した JSON Web Signature です。',
  'x509.certificate': 'X.509 証明書: 公開鍵、その持ち主（subject）、保証する者（issuer）、有効期間、発行者の署名。',
  'x509.tbsCertificate': '証明書の署名対象部分。発行者の署名はちょうどこのバイト列にかかります。',
  'x509.name': '識別名: 国（C）、組織（O）、部署（OU）、一般名（CN）など。',
  'x509.validity': '証明書を使ってよい期間。アテステーションチェーンは登録時刻で検査します。',
  'x509.spki': '証明書の公開鍵とそのアルゴリズム。',
  'x509.serialNumber': '発行者がこの証明書に付けた番号。発行者ごとに一意です。',
  'x509.signatureValue': 'tbsCertificate に対する発行者の署名。',
  'x509.ext.basicConstraints':
    'この証明書が他の証明書を発行できるか（CA）と、その下に続けられる CA の段数。アテステーション証明書は CA=false でなければなりません。',
  'x509.ext.keyUsage': '鍵の用途（署名、証明書署名など）。',
  'x509.ext.extKeyUsage': '鍵の用途（拡張）。TPM のアテステーション鍵の証明書には tcg-kp-AIKCertificate (2.23.133.8.3) が必要です。',
  'x509.ext.subjectAltName': '主体の別名。TPM アテステーションでは TPM の製造者・モデル・ファームウェアバージョンを含みます。',
  'x509.ext.tpmSan': 'TPM デバイス属性: 製造者（tcg-at-tpmManufacturer）、モデル、バージョン。',
  'x509.ext.fidoAaguid': 'ベンダーが設定した認証器モデルの AAGUID。認証器データの AAGUID と一致しなければなりません。',
  'x509.ext.androidKeyDescription':
    'Android 鍵アテステーション: Android キーストアが鍵について知っていること（チャレンジ、セキュリティレベル、用途、鍵の由来）。',
  'x509.ext.appleNonce': 'Apple 匿名アテステーション: Apple の CA が証明書に埋め込んだ登録データのハッシュ。',
  'android.attestationChallenge': 'clientDataJSON のハッシュと一致し、この登録のために鍵がアテステーションされたことを示します。',
  'android.authorizationList': 'ソフトウェアまたは TEE（信頼できる実行環境）が強制する鍵の属性。',
  'tpm.magic': 'TPM 自身が生成した構造では常に 0xff544347（"\\xffTCG"）。',
  'tpm.extraData': 'authenticatorData || clientDataHash のハッシュ。TPM のステートメントをこの登録に結び付けます。',
  'tpm.attested': '証明された鍵の Name（ハッシュアルゴリズム＋ハッシュ）。pubArea と一致しなければなりません。',
  'safetynet.jws': 'ヘッダー・ペイロード・署名を base64url でエンコードし、ドットでつないだものです。',
  'attestation.trust':
    'アテステーションチェーンが RP の信頼するルートにつながるか: なし、自己アテステーション、ルートまで有効、信頼できない（とその理由）。',
  'attestation.trustAnchors': 'この形式で受け入れるルート証明書: 同梱のもの、追加したもの、FIDO メタデータサービスのもの。',
};

/** フィッシング中継デモ：日本語メッセージ。 */
import type { relayEn } from './relay.en.ts';

export const relayJa: Record<keyof typeof relayEn, string> = {
  'nav.relay': 'フィッシング中継',
  'relay.title': 'フィッシング中継',
  'relay.intro':
    'このアプリの偽サイトを別のオリジンで動かし、フィッシング用のプロキシと同じように、すべてのリクエストをこの RP へ中継して、通ったものを手元に残します。偽サイト経由でサインインすると、パスワード・マジックリンク・メールのコードでは攻撃者がセッションを握り、パスキーは拒否されます。どこで、なぜ拒否されるかをここに示します。',
  'relay.mode': 'パスキーのアサーションを中継がどう扱うか',
  'relay.mode.forward': 'そのまま渡す',
  'relay.mode.rewrite-origin': 'clientDataJSON に本物のオリジンを書き込んでから渡す',
  'relay.start': '偽サイトを起動',
  'relay.stop': '偽サイトを停止',
  'relay.scripted': '台本どおりの被害者を動かす',
  'relay.scriptedHint':
    '台本どおりの被害者（ターミナルの `passkey-explorer demo relay` と同じもの）は、この RP にパスワードとパスキーを持つアカウント victim@relay-demo.example を作り、偽サイト経由ですべての方式でサインインします。',
  'relay.running': '偽サイトの場所：',
  'relay.sameHost': '（同じホストの別ポート。ブラウザーはこのページに RP ID の使用を許すため、RP のオリジン検査が決め手になります）',
  'relay.otherHost': '（フィッシング用ドメインと同じく別のホスト。ブラウザーは認証器に尋ねる前に RP ID を拒否します）',
  'relay.relaysTo': '中継先は本物の RP（{target}）です。',
  'relay.stopped': '偽サイトは動いていません。',
  'relay.howTo': '自分で試す',
  'relay.howTo.1':
    'ここで「サインイン方式」タブを開いてパスワードでアカウントを作り、「セレモニー」タブで同じユーザー名のパスキーを登録します。',
  'relay.howTo.2':
    '偽サイトを起動して、その「サインイン方式」タブを開きます。パスワードでサインインし、リンクを依頼してそこのメールボックスから開き、コードを依頼して入力します。',
  'relay.howTo.3': '偽サイトの「セレモニー」タブでパスキーでサインインします。認証器は署名しますが、RP は拒否します。',
  'relay.howTo.4': 'このタブに戻ると、サインインごとに攻撃者が得たものと結果が並んでいます。',
  'relay.captures': '中継が得たもの',
  'relay.noCaptures': 'まだ何も中継されていません。',
  'relay.col.method': '方式',
  'relay.col.lookAlike': '被害者のページ',
  'relay.col.got': '攻撃者が得たもの',
  'relay.col.outcome': '結果',
  'relay.loot.email': 'メールアドレス',
  'relay.loot.password': 'パスワード',
  'relay.loot.new-password': '新しいパスワード',
  'relay.loot.code': 'コード',
  'relay.loot.link-token': 'リンクのトークン',
  'relay.loot.session': 'セッション JWT',
  'relay.loot.challenge': 'チャレンジ',
  'relay.loot.assertion': 'アサーション',
  'relay.loot.client-error': 'ブラウザーのエラー',
  'relay.loot.signedFor': 'オリジン {origin} に対する署名',
  'relay.loot.rewritten': '{origin} に対する署名。中継が clientDataJSON に {to} を書き込みました',
  'relay.loot.rpId': 'RP ID {rpId} 向け',
  'relay.loot.pasted': '（メールのリンクを偽サイトで開いたもの）',
  'relay.pending.link': 'リンク待ち',
  'relay.pending.code': 'コード待ち',
  'relay.pending.response': '応答待ち',
  'relay.takeover': '乗っ取り',
  'relay.takeover.ownSignIn': '攻撃者は中継したパスワードで自らサインインしました。今後もいつでもできます。',
  'relay.takeover.session': '中継は RP が発行したセッションを手元に残し、RP は攻撃者が出したそれを受け入れます。',
  'relay.refused': '{check} で拒否',
  'relay.refused.rp': 'RP は「{check}」の検査で拒否しました。攻撃者にセッションは出ません。',
  'relay.refused.browser': '被害者のブラウザーが、認証器が署名する前に拒否しました（{check}）。中継できるものはありません。',
  'relay.why': 'パスキーが拒否される理由',
  'relay.why.secrets':
    'パスワード・リンクのトークン・コードは、どこで出しても通用する秘密です。偽サイトはそれを自分のものとして RP に出します。',
  'relay.why.origin':
    'パスキーは clientDataJSON に署名し、ブラウザーはそこに要求したページのオリジンを書き込みます。偽サイトのページは RP のオリジンではないので、RP のオリジン検査に落ちます。',
  'relay.why.signature': '本物のオリジンを書き込むと、認証器が署名したバイト列が変わるため、今度は署名の検査に落ちます。',
  'relay.why.rpId':
    '別のホストでは、ページは RP のクレデンシャルを求めることすらできません。RP ID はそのページのホストか、その親ドメインでなければなりません（SecurityError）。',
  'relay.why.internet':
    'インターネット上の偽サイトは別のドメインにあるので、ブラウザーが RP ID の検査で拒否します。ここでは両方のオリジンが localhost というホストを共有しているため、RP のオリジン検査が止めています。',
};

/** テストハーネスの日本語メッセージ。 */
import type { Catalog } from '@decode/messages/i18n.ts';
import type { harnessEn } from './harness.en.ts';

export const harnessJa: Catalog<typeof harnessEn> = {
  'nav.harness': 'ハーネス',
  'harness.title': 'テストハーネス',
  'harness.intro':
    'このウィンドウの仮想認証器ラボでシナリオスイートを実行します。capabilities（認証器が実際に対応していること）と rp-robustness（このリライングパーティが拒否すべきこと。各攻撃は指定したステップで拒否されること）です。すべてのセレモニーは証拠として履歴に残ります。',
  'harness.unavailableTitle': 'このウィンドウにはラボがありません',
  'harness.suites': 'スイート',
  'harness.scenarios': '{n} シナリオ',
  'harness.authenticator': '認証器',
  'harness.eachOwn': '各シナリオの指定どおり',
  'harness.start': '実行',
  'harness.cancel': '中止',
  'harness.labNote': '実行中、ハーネスはシナリオごとにこのウィンドウの仮想認証器を新しいものに置き換えます。',
  'harness.state.running': '実行中',
  'harness.state.done': '完了',
  'harness.state.cancelled': '中止しました',
  'harness.state.failed': 'エラーで停止しました',
  'harness.progress': 'シナリオ {n}/{of}: {id}、ステップ {step}/{steps}',
  'harness.progressLabel': '完了したシナリオ',
  'harness.totals': '合格 {pass}、不合格 {fail}、非対応 {unsupported}、エラー {error} — {n} シナリオ',
  'harness.outcome.pass': '合格',
  'harness.outcome.fail': '不合格',
  'harness.outcome.unsupported': '非対応',
  'harness.outcome.error': 'エラー',
  'harness.evidence': 'セレモニー:',
  'harness.export.json': 'JSON',
  'harness.export.junit': 'JUnit XML',
  'harness.export.md': 'Markdown',
  'harness.compare': '2 つの実行を比較',
  'harness.scenario': 'シナリオ',
};

/**
 * The submission agreement the platform writes for both parties (ARB_AGREEMENT: AL Art. 4, 16):
 * the wish to arbitrate, the matters, the commission; made after the dispute arose, so it is not
 * a standard-form clause imposed on the consumer before any dispute.
 */
import type { DisputeState } from '../dispute/state.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { CATEGORY_LABELS, chineseDate, partiesHeader, REMEDY_LABELS, yuan } from '../settlement/text.ts';

export function arbitrationAgreementText(state: DisputeState, commission: string): string {
  const remedies = state.remedies
    .map((r) => `${REMEDY_LABELS[r.kind]}${r.amountFen !== undefined ? `人民币${yuan(r.amountFen)}元` : ''}`)
    .join('、');
  const place = state.place ? `在${state.place}` : '';
  return [
    '仲裁协议书',
    ...partiesHeader(state),
    '',
    `双方当事人就下列争议，于纠纷发生后（投诉人已于${chineseDate(toLocalDate(new Date(state.filedAt)))}向本平台投诉）自愿订立本仲裁协议：`,
    `一、请求仲裁的意思表示：双方同意将下列争议提交${commission}仲裁。仲裁裁决是终局的，对双方均有约束力。`,
    `二、仲裁事项：投诉人于${chineseDate(state.occurredOn)}${place}接受“${state.procedure}”所引起的医疗美容消费纠纷` +
      `（${state.categories.map((c) => CATEGORY_LABELS[c]).join('、')}）；投诉人的请求：${remedies}。`,
    `三、选定的仲裁委员会：${commission}。`,
    '',
    '本协议自双方当事人签署之日起生效（《中华人民共和国仲裁法》第十六条）。',
  ].join('\n');
}

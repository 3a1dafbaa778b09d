/** The e-mail that carries a sign-in code: Chinese first, then English. */
import type { OutgoingMail } from '../mail/transport.ts';
import { CODE_VALID_MS } from './loginCodes.ts';

export function loginCodeMail(to: string, code: string): OutgoingMail {
  const minutes = CODE_VALID_MS / 60_000;
  return {
    to,
    // The code stays out of the subject, which mail servers log and phones show on a locked screen.
    subject: '医美纠纷调解平台登录验证码 / Your sign-in code',
    text: [
      `您的登录验证码：${code}`,
      `验证码 ${minutes} 分钟内有效，仅可使用一次。请勿告诉他人。如非本人操作，请忽略本邮件。`,
      '',
      `Your sign-in code: ${code}`,
      `It is valid for ${minutes} minutes and can be used once. Do not share it. If you did not ask for it, ignore this e-mail.`,
      '',
      '医美纠纷调解平台 / Medical-aesthetics dispute mediation platform',
    ].join('\n'),
  };
}

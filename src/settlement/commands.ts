/**
 * Settlement agreement (DOMAIN.md 2.4): the mediator drafts, each party and the mediator sign the
 * exact text, the last required signature makes it binding (AGREEMENT_EFFECTIVE: PML Art. 29; MDR Art. 39).
 */
import { z } from 'zod';
import { sideOf, type Relation } from '../dispute/access.ts';
import { command } from '../dispute/decider.ts';
import type { SignerRole } from '../dispute/state.ts';
import { requireActingMediator, requireWithinMediationLimit } from '../mediation/guards.ts';
import { toLocalDate } from '../rules/calendar.ts';
import { badInput, concurrencyConflict, DomainError } from '../shared/errors.ts';
import { requireSignatory } from './guards.ts';
import { obligationIssues, obligationsInput, toObligations } from './obligations.ts';
import { optionalText, text } from '../shared/validation.ts';
import { agreementText, sha256Hex, type ObligationTerms } from './text.ts';

export const settlementInputs = {
  draftAgreement: z.object({ terms: text(20_000), obligations: obligationsInput }),
  signAgreement: z.object({ agreementHash: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, '应为 SHA-256 十六进制 / must be a SHA-256 hex digest') }),
  declineAgreement: z.object({ reason: optionalText(5000) }),
};

export const REQUIRED_SIGNERS: readonly SignerRole[] = ['CLAIMANT', 'RESPONDENT', 'MEDIATOR'];

const signerRole = (relation: Relation): SignerRole => sideOf(relation) ?? 'MEDIATOR';

export const settlementCommands = {
  draftAgreement: command<{ terms: string; obligations: ObligationTerms[] }>({
    by: ['MEDIATOR'],
    // A redraft replaces the agreement: every earlier signature is void.
    from: ['IN_MEDIATION', 'AGREEMENT_DRAFTED'],
    decide(state, { terms, obligations }, { ctx, relation }) {
      requireActingMediator(state, relation);
      requireWithinMediationLimit(state, ctx);
      const issues = obligationIssues(obligations, toLocalDate(ctx.now));
      // A settlement settles something (a refund, an act, an apology): with nothing to perform it could never close.
      if (obligations.length === 0) issues.push({ path: 'obligations', message: '至少约定一项义务 / at least one obligation' });
      if (issues.length > 0) throw badInput(issues);
      const signedText = agreementText(state, terms, obligations);
      return [
        {
          type: 'AgreementDrafted',
          data: { agreementId: ctx.newId(), terms, text: signedText, hash: sha256Hex(signedText), obligations: toObligations(obligations, ctx) },
        },
      ];
    },
  }),

  signAgreement: command<{ agreementHash: string }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT', 'MEDIATOR'],
    from: ['AGREEMENT_DRAFTED'],
    decide(state, { agreementHash }, { ctx, relation }) {
      requireSignatory(state, relation);
      requireActingMediator(state, relation);
      const agreement = state.agreement!;
      // The signer saw another text than the one now on file: a redraft happened meanwhile (API.md).
      if (agreementHash !== agreement.hash) {
        throw concurrencyConflict('协议已修改，请重新阅读后签署 / the agreement was redrafted; read it again before signing');
      }
      const role = signerRole(relation);
      // A second signature for the same role is refused, not ignored: the caller learns it changed nothing.
      if (agreement.signatures.some((s) => s.role === role)) {
        throw new DomainError('INVALID_TRANSITION', `${role} has already signed this agreement`, { status: state.status });
      }
      requireWithinMediationLimit(state, ctx);
      const signed = new Set([...agreement.signatures.map((s) => s.role), role]);
      const last = REQUIRED_SIGNERS.every((r) => signed.has(r));
      return [
        { type: 'AgreementSigned', data: { agreementId: agreement.id, hash: agreementHash, role } },
        ...(last ? [{ type: 'SettlementReached' as const, data: { agreementId: agreement.id, effectiveAt: ctx.now.toISOString() } }] : []),
      ];
    },
  }),

  declineAgreement: command<{ reason?: string }>({
    by: ['CLAIMANT', 'CLAIMANT_LAWYER', 'RESPONDENT'],
    from: ['AGREEMENT_DRAFTED'],
    decide: (state, { reason }) => [
      { type: 'AgreementDeclined', data: { agreementId: state.agreement!.id, ...(reason ? { reason } : {}) } },
    ],
  }),
};

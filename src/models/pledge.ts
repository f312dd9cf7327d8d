import mongoose from 'mongoose';

/** Kinds of sign-off documents: 责任书, 承诺书, 其他. */
export const PLEDGE_KINDS = ['responsibility', 'pledge', 'other'] as const;
export type PledgeKind = (typeof PLEDGE_KINDS)[number];

/** draft: waiting for its text (a file); open: being signed; closed: no longer chased. */
export const PLEDGE_STATES = ['draft', 'open', 'closed'] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];

/**
 * A sign-off document (责任书 / 承诺书). `_id` is a short human id such as `PK7Q3`. The text of
 * each version lives in PledgeVersion; `version`/`hash`/`text` here mirror the current one.
 */
const pledgeSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    kind: { type: String, enum: PLEDGE_KINDS, required: true },
    creator: { type: String, required: true },
    /** 督办领导: gets the escalation after the deadline. */
    leader: { type: String, default: null },
    deadline: { type: Date, required: true },
    state: { type: String, enum: PLEDGE_STATES, default: 'open' },
    /** Current version number (0 while a draft has no text yet). */
    version: { type: Number, default: 0 },
    /** SHA-256 (hex) of the current text. */
    hash: { type: String, default: '' },
    text: { type: String, default: '' },
    /** Where the signers came from (for the record). */
    chatIds: { type: [String], default: [] },
    deptIds: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    /** What created it (event or form submission); the id is derived from it (keyed-create.ts). */
    sourceKey: { type: String, default: null },
  },
  { collection: 'pledges', versionKey: false },
);
pledgeSchema.index({ state: 1, deadline: 1 });
export const PledgeModel = mongoose.model('Pledge', pledgeSchema);

/**
 * One version of a document's text, `_id` = `${pledgeId}:v${n}`. Inserting it claims the
 * version number (a unique insert), so two concurrent edits cannot both become version n.
 */
const versionSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    version: { type: Number, required: true },
    text: { type: String, required: true },
    hash: { type: String, required: true },
    author: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'pledge_versions', versionKey: false },
);
versionSchema.index({ pledgeId: 1 });
export const PledgeVersionModel = mongoose.model('PledgeVersion', versionSchema);

/**
 * Someone asked to sign, `_id` = `${pledgeId}:${openId}`. The unique insert is the claim that
 * makes "send them the card" happen once (a join event delivered twice adds nobody twice).
 */
const signerSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    openId: { type: String, required: true },
    /** How they were added: campaign (the form), newcomer (a rule), manual (/pledge send). */
    source: { type: String, enum: ['campaign', 'newcomer', 'manual'], required: true },
    /** The department of the chat they were found in (used when they have none of their own). */
    deptHint: { type: String, default: null },
    addedAt: { type: Date, required: true },
  },
  { collection: 'pledge_signers', versionKey: false },
);
signerSchema.index({ pledgeId: 1 });
export const PledgeSignerModel = mongoose.model('PledgeSigner', signerSchema);

/**
 * A signature, append-only. `_id` = `${pledgeId}:v${version}:${signer}:${round}` where round
 * counts the earlier voided signatures of that signer on that version: the unique insert makes
 * one signature per (document, version, signer) — a double click or a race records one.
 */
const signatureSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    version: { type: Number, required: true },
    /** SHA-256 of the text that was signed. */
    hash: { type: String, required: true },
    signer: { type: String, required: true },
    typedName: { type: String, required: true },
    /** Server time of the signature. */
    at: { type: Date, required: true },
    /** The card message the signature was made on. */
    messageId: { type: String, default: '' },
    eventId: { type: String, default: '' },
  },
  { collection: 'pledge_signatures', versionKey: false },
);
signatureSchema.index({ pledgeId: 1 });
signatureSchema.index({ pledgeId: 1, version: 1, signer: 1 });
export const PledgeSignatureModel = mongoose.model('PledgeSignature', signatureSchema);

/** An admin's void of one signature, `_id` = the signature id (voided once). */
const voidSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    version: { type: Number, required: true },
    signer: { type: String, required: true },
    reason: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'pledge_voids', versionKey: false },
);
voidSchema.index({ pledgeId: 1 });
export const PledgeVoidModel = mongoose.model('PledgeVoid', voidSchema);

/**
 * "When someone joins chat X (or department Y), send them pledge Z": `_id` =
 * `${pledgeId}:chat:${chatId}` or `${pledgeId}:dept:${deptId}` (exactly one of the two is set).
 */
const ruleSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    chatId: { type: String, default: null },
    /** A department rule covers its sub-departments too. */
    deptId: { type: String, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'pledge_rules', versionKey: false },
);
ruleSchema.index({ chatId: 1 });
ruleSchema.index({ deptId: 1 });
export const PledgeRuleModel = mongoose.model('PledgeRule', ruleSchema);

/** A progress card to keep up to date, `_id` = the outbox key that sent it. */
const progressCardSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    at: { type: Date, required: true },
    /** Sent to a leader for their departments only: counts and names are limited to `deptIds`. */
    scoped: { type: Boolean, default: false },
    deptIds: { type: [String], default: undefined },
  },
  { collection: 'pledge_progress_cards', versionKey: false },
);
progressCardSchema.index({ pledgeId: 1 });
export const PledgeProgressCardModel = mongoose.model('PledgeProgressCard', progressCardSchema);

/** The bot waits for a text file for `pledgeId` from this person (`_id` = open_id) in `chatId`. */
const pendingFileSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    pledgeId: { type: String, required: true },
    chatId: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'pledge_pending_files', versionKey: false },
);
export const PledgePendingFileModel = mongoose.model('PledgePendingFile', pendingFileSchema);

/** The close of a document, `_id` = the document id: the unique insert makes it happen once. */
const closeSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'pledge_closes', versionKey: false },
);
export const PledgeCloseModel = mongoose.model('PledgeClose', closeSchema);

import mongoose from 'mongoose';

/** Categories of the clean-culture library. */
export const CONTENT_CATEGORIES = ['warning', 'rules', 'story', 'family', 'lesson', 'other'] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];

/**
 * One item of the clean-culture content library. `_id` is a short human id: `C001`… for the
 * starter library, `C` + four characters for items added later (random, retried on a clash).
 * A removed item keeps its document (`removed: true`) so broadcast statistics still name it.
 */
const contentItemSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    title: { type: String, required: true },
    /** Markdown body as shown on the card. */
    body: { type: String, required: true },
    category: { type: String, enum: CONTENT_CATEGORIES, default: 'other' },
    tags: { type: [String], default: [] },
    source: { type: String, default: '' },
    /** Feishu image key shown above the body, if any. */
    imageKey: { type: String, default: '' },
    /** One-question quiz: options, the index of the right one, the explanation. */
    quiz: { type: mongoose.Schema.Types.Mixed, default: null },
    /** 必学: non-acknowledgers get one private reminder. */
    required: { type: Boolean, default: false },
    removed: { type: Boolean, default: false },
    createdBy: { type: String, default: '' },
    /** What created it (form submission, or import event and row); the id derives from it. */
    sourceKey: { type: String, default: null },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'content_items', versionKey: false },
);
contentItemSchema.index({ tags: 1 });

export type ContentItemDoc = mongoose.InferSchemaType<typeof contentItemSchema>;
export const ContentItemModel = mongoose.model('ContentItem', contentItemSchema);

import mongoose from 'mongoose';

/** A group chat the bot is in, and the department it serves once bound. */
const chatSchema = new mongoose.Schema(
  {
    chatId: { type: String, required: true, unique: true },
    name: { type: String, default: '' },
    /** Department._id this group serves (null until bound). */
    deptId: { type: String, default: null },
    active: { type: Boolean, default: true },
    boundBy: { type: String, default: null },
    boundAt: { type: Date, default: null },
    joinedAt: { type: Date, default: null },
    leftAt: { type: Date, default: null },
  },
  { collection: 'chats', timestamps: true },
);
chatSchema.index({ deptId: 1 });

export type ChatDoc = mongoose.InferSchemaType<typeof chatSchema>;
export const ChatModel = mongoose.model('Chat', chatSchema);

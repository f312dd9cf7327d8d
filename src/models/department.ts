import mongoose from 'mongoose';

/**
 * A unit of the agency (机关 → 内设机构 → 科室): a tree by `parentId`, with `ancestors` (root
 * first) kept for subtree queries. Names are unique across the agency (`nameKey` is the
 * normalised name) so commands can name a department without a path.
 */
const departmentSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** Lower-cased, whitespace-free form of `name`; unique. */
    nameKey: { type: String, required: true, unique: true },
    parentId: { type: String, default: null },
    ancestors: { type: [String], default: [] },
    createdBy: { type: String, default: '' },
  },
  { collection: 'departments', timestamps: true },
);
departmentSchema.index({ parentId: 1 });
departmentSchema.index({ ancestors: 1 });

export type DepartmentDoc = mongoose.InferSchemaType<typeof departmentSchema>;
export const DepartmentModel = mongoose.model('Department', departmentSchema);

/** The key a department name is unique by: trimmed, lower-cased, inner whitespace removed. */
export function departmentNameKey(name: string): string {
  return name.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '');
}

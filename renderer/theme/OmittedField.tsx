/** A top-level field that belongs to another step: kept in the answers, not shown on this page. */
export default function OmittedField() {
  return null;
}

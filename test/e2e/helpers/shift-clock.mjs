/* global process */
// Test-only preload (`node --import`): runs a process as if it were ANXIN_TEST_SHIFT_DAYS days
// from now (negative: in the past), so an end-to-end test can give an answer "three days ago"
// and see its safety check fall due, without any clock hook in the product.
const offset = Number(process.env.ANXIN_TEST_SHIFT_DAYS ?? 0) * 86_400_000;
if (offset !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}

// Preloaded (`node --import`) into a `jixiao serve` a test starts again later on the same data: the
// process's clock runs JIXIAO_TEST_CLOCK_SHIFT_MS milliseconds ahead, as the server would find it
// days later. Used where a step can only happen after a deadline (silence counted at finalising,
// docs/opinions.md); nothing else of the server changes. Without the variable it does nothing.
const shift = Number(process.env.JIXIAO_TEST_CLOCK_SHIFT_MS ?? 0);
if (Number.isFinite(shift) && shift !== 0) {
  const RealDate = globalThis.Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}

// One process per data folder: a lock file holding the owner's pid. A lock left by a process
// that is gone (killed, crashed) is taken over; a live one is refused with a clear message.
import { open, readFile, unlink, mkdir } from "node:fs/promises";
import { join } from "node:path";

export class DataFolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `数据文件夹 ${dir} 正被另一个 jixiao 进程（pid ${pid}）使用，请先停止它。 / ` +
        `The data folder ${dir} is in use by another jixiao process (pid ${pid}): stop it first, or use another --data folder.`,
    );
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface Lock {
  file: string;
  release(): Promise<void>;
}

export async function lockDataFolder(dir: string): Promise<Lock> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "jixiao.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fh = await open(file, "wx");
      await fh.writeFile(`${process.pid}\n`, "utf8");
      await fh.sync();
      await fh.close();
      return { file, release: () => unlink(file).catch(() => undefined) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const pid = Number.parseInt((await readFile(file, "utf8").catch(() => "")).trim(), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataFolderLockedError(dir, pid);
    if (pid === process.pid) throw new DataFolderLockedError(dir, pid);
    // stale: the owner is gone
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`cannot take the lock ${file}`);
}

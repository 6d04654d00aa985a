// What the numbers were measured on, for the report.
import os from 'node:os';
import { readFileSync } from 'node:fs';

/** Cores, RAM, CPU model, OS, Node and Chromium versions. */
export function machineInfo(chromiumVersion, gatewayVersion) {
  let distro = os.type();
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? distro;
  } catch {
    // not Linux: os.type() will do
  }
  return {
    cores: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model?.trim() ?? 'unknown',
    ramGB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${distro} (${os.release()})`,
    node: process.version,
    chromium: chromiumVersion,
    gateway: `openclaw ${gatewayVersion} (Node 24, from the gateway harness)`,
  };
}

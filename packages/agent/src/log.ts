/** One line per event on stderr, with the time: the agent runs as a service whose output is kept. */
export interface AgentLog {
  info(message: string): void;
  warn(message: string): void;
}

export function consoleLog(write: (line: string) => void = (line) => process.stderr.write(line)): AgentLog {
  const line = (level: string, message: string) => write(`${new Date().toISOString()} ${level} ${message}\n`);
  return { info: (m) => line('info', m), warn: (m) => line('warn', m) };
}

/** The options of an archive run are invalid; every problem is listed. */
export class ArchiveOptionsError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`invalid archive options:\n  ${problems.join('\n  ')}`);
    this.problems = problems;
  }
}

/** The run cannot start: source missing, destination unreachable or refused, index unusable. Nothing was moved. */
export class ArchiveUnavailableError extends Error {}

/** Where a command writes; the tests capture it, main() binds it to the process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

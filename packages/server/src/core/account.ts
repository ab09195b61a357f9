/** A signed-in user (or a publisher: the Hub's side, allowed to post events), as every feature sees it. */
export interface Account {
  id: string;
  name: string;
  publisher: boolean;
}

// What changed between two library versions: the pure diff lives in shared/ (the finance pane
// previews the same changelog before publishing); the server imports it from here as before.
export { diffLibraries, type LibraryChanges } from "../shared/library-changes.ts";

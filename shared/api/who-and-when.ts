// Who took a recorded step and when, as every such step carries it on the wire (a revision, an
// answer, a handling, a conclusion, a key-project mark…): the actor as the audit log names it
// (docs/api.md) and an ISO instant. Spread into the schemas of those steps.
import { z } from "zod";

export const whoAndWhen = { by: z.string(), at: z.string() };

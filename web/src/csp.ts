// Imported first by main.tsx. The app runs under a CSP without 'unsafe-eval' (public/_headers):
// zod's JIT would probe `new Function` on first parse, which the browser reports as a violation.
import { z } from "zod";

z.config({ jitless: true });

// Commands and events of the back office: journal views, reprint, storno, cash movements, X and Z.
// Storno, cash movements, Z and a drawer opening without a sale are manager actions.
import { z } from 'zod'
import { command } from './define'
import {
  cashMovementRequest,
  cashMovementResult,
  cashSummary,
  clarificationView,
  clarifyDecideInput,
  drawerOpenInput,
  periodReport,
  printedReport,
  receiptIdInput,
  receiptView,
  saleDetail,
  saleIdInput,
  salesListInput,
  saleSummary,
  stornoInput,
  stornoResult,
  partialStornoRequest,
  returnableView,
  returnQuote,
  returnQuoteRequest,
  xReportInput,
  zListInput,
  zReportInput,
} from '../journal'
import { importReport } from '../catalog'

const none = z.object({}).strict().default({})

export const backofficeCommands = {
  'journal.sales': command(salesListInput, z.array(saleSummary)),
  'journal.sale': command(saleIdInput, saleDetail),
  /** Reprint a kept receipt, marked "KOPIE". */
  'receipt.reprint': command(
    receiptIdInput,
    z.object({
      receipt: receiptView,
      print: z.enum(['printed', 'failed']),
      printErrorKey: z.string().nullable(),
    }),
  ),
  'storno.execute': command(stornoInput, stornoResult),
  /** Partial storno: what each line of a receipt could still be returned. */
  'storno.returnable': command(saleIdInput, returnableView),
  /** Partial storno: only the picked lines and quantities go back (cash-paid receipts). */
  'storno.partial': command(partialStornoRequest, stornoResult),
  /** Partial storno: what the picked lines would pay back now (nothing is booked). */
  'storno.returnQuote': command(returnQuoteRequest, returnQuote),
  'cash.summary': command(none, cashSummary),
  'cash.movement': command(cashMovementRequest, cashMovementResult),
  'report.x': command(xReportInput, printedReport),
  'report.z': command(zReportInput, printedReport),
  /** Past Z reports, newest first. */
  'report.zList': command(zListInput, z.array(periodReport)),
  /** The "Klärung nötig" list: undecided sales first, then the latest decisions. */
  'clarify.list': command(none, z.array(clarificationView)),
  /** A manager decides an undecidable sale: "paid" completes it, "not-paid" aborts it (journaled). */
  'clarify.decide': command(
    clarifyDecideInput,
    z.object({ saleId: z.number().int(), status: z.enum(['completed', 'aborted']) }),
  ),
  /** What the catalogue import read, kept and left out (row number and reason per problem). */
  'catalog.report': command(none, importReport),
  'drawer.open': command(
    drawerOpenInput,
    z.object({ opened: z.boolean(), messageKey: z.string().nullable() }),
  ),
} as const

export const backofficeEvents = {
  /** A sale, storno, cash movement or closing was journaled: journal views refresh. */
  'journal.changed': z.object({
    kind: z.enum(['sale', 'storno', 'cash', 'closing', 'print']),
    saleId: z.number().int().optional(),
  }),
} as const

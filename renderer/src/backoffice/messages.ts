// German and English texts of the back-office screens (journal, receipts, storno, cash, X/Z).
export const backofficeDe = {}
export const backofficeEn: typeof backofficeDe = {}

export { financesModule } from './manifest.js';
export { budgetLinesLinkedTo, type LinkedBudgetLine } from './budgets/linked-lines.js';
export { budgetPhasesPublished } from './budgets/scorecard-figures.js';

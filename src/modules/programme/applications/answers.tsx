import { AnswersList as TypedAnswersList } from '../../../platform/forms/typed-field-views.js';
import type { ViewContext } from '../../../platform/views/view-context.js';
import type { Answers, FieldRow } from '../db/tables.js';

/** Where a private file of an application is served (to its applicant and the programme's team only). */
export const applicationFilePath = (fileId: string) => `/network/programme/files/${fileId}`;

/** An application's answers, field by field in the form's order: what the applicant, reviewers and the operator read. */
export const AnswersList = ({ ctx, fields, answers }: { ctx: ViewContext; fields: FieldRow[]; answers: Answers }) => <TypedAnswersList ctx={ctx} fields={fields} answers={answers} filePath={applicationFilePath} />;

import type { Executors } from "./context";
import { createActivity, notify, sendEmail, webhook } from "./messaging";
import { assignAction, createRecordAction, transitionAction, updateRecordAction } from "./records";
import { requestApprovalAction } from "./approvals";

/** One executor per action type: a new type does not compile until it has one. */
export const EXECUTORS: Executors = {
  update_record: updateRecordAction,
  create_record: createRecordAction,
  create_activity: createActivity,
  assign: assignAction,
  transition: transitionAction,
  request_approval: requestApprovalAction,
  send_email: sendEmail,
  webhook,
  notify,
};

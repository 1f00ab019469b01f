/** Every text a respondent can see from the server, in one place so wording is reviewed together. */
import type { SignInMode } from '../../../shared/api/screening';

import type { Programme } from '../../../shared/instruments';

/** The kiosk's one sentence for every failed identification (the screen words its own). */
export const NO_MATCH_MESSAGE = '信息不匹配，请核对学籍号和出生日期，或向老师求助';
/** A woman at a clinic has a handbook or ID number and staff, not a 学籍号 and teachers. */
export const NO_MATCH_MESSAGE_PERINATAL = '信息不匹配，请核对保健手册编号或身份证号，或向工作人员求助';
export const noMatchMessage = (programme: Programme) =>
  programme === 'perinatal' ? NO_MATCH_MESSAGE_PERINATAL : NO_MATCH_MESSAGE;

/**
 * A failed sign-in at the station, worded for the campaign's sign-in mode: one sentence for every
 * kind of mismatch (no such number, wrong second fact, wrong station code), so it never tells
 * whether a number exists.
 */
const STATION_NO_MATCH: Record<SignInMode, string> = {
  slip: '信息不匹配，请核对测评码和测评站代码，或向老师求助',
  student_no_birth_code: '信息不匹配，请核对学籍号、出生日期和本节课的测评站代码，或向老师求助',
  handbook_plus:
    '信息不匹配，请核对保健手册编号或身份证号、出生日期或手机号后四位，以及测评站代码，或向工作人员求助',
  checkin_code: '签到码无效或已用过，请向工作人员求助',
};
export const stationNoMatchMessage = (mode: SignInMode) => STATION_NO_MATCH[mode];
export const PENDING_APPROVAL_MESSAGE =
  '请稍候：需要老师（工作人员）在屏幕上确认后才能开始。请举手告诉老师。';
export const APPROVAL_REFUSED_MESSAGE = '老师（工作人员）没有同意这次登录。如有疑问请向老师求助';
export const APPROVAL_EXPIRED_MESSAGE = '等待已超时，请重新输入信息';
export const TAKEN_OVER_MESSAGE = '你的作答已在另一台设备上继续，本页面已退出';

export const TOO_MANY_ATTEMPTS_MESSAGE = '尝试次数过多，请稍等片刻再试，或向老师求助';
export const SESSION_EXPIRED_MESSAGE = '登录已失效，请重新输入信息';
export const CONSENT_FIRST_MESSAGE = '请先阅读知情同意书并选择是否参加';
export const ALREADY_DONE_MESSAGE = '你已完成本次测评，无需重复作答。如有疑问请向老师求助';
export const ALREADY_DECLINED_MESSAGE = '你已选择不参加本次测评。如需重新参加，请向老师求助';
export const STATION_CLOSED_MESSAGE = '测评站已关闭，请向老师求助';

/** Where help is, shown to everyone alike so the closing screen never hints at a result. */
const HELP =
  '如果你最近感到烦恼、压力大或情绪低落，可以随时找心理老师或班主任聊聊，也可以拨打全国心理援助热线 12356。';
export const THANK_YOU_MESSAGE = `感谢你认真完成本次测评！${HELP}`;
export const DECLINED_MESSAGE = `你选择了不参加本次测评，这没有关系。${HELP}`;

/** A woman at a maternal service is sent to her doctor, never to a school's teachers. */
const HELP_PERINATAL =
  '如果您最近情绪低落、焦虑或睡不好，请随时告诉您的医生或助产士，也可以拨打全国心理援助热线 12356。';
const THANK_YOU_MESSAGE_PERINATAL = `感谢您认真完成本次筛查！${HELP_PERINATAL}`;
const DECLINED_MESSAGE_PERINATAL = `您选择了不参加本次筛查，这不会影响您的任何医疗服务。${HELP_PERINATAL}`;
export const thankYouMessage = (programme: Programme) =>
  programme === 'perinatal' ? THANK_YOU_MESSAGE_PERINATAL : THANK_YOU_MESSAGE;
export const declinedMessage = (programme: Programme) =>
  programme === 'perinatal' ? DECLINED_MESSAGE_PERINATAL : DECLINED_MESSAGE;

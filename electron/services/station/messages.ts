/** Every text a respondent can see from the server, in one place so wording is reviewed together. */
export { NO_MATCH_MESSAGE, NO_MATCH_MESSAGE_PERINATAL, noMatchMessage } from '../screening/campaigns';

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

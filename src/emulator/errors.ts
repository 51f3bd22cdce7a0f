// The service's error classes as values (not thrown): handlers return an ApiError, the wire layer encodes it as
// restJson1 does, with `x-amzn-errortype` and `__type`, so the SDK raises the matching exception class.

export type ErrorName =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'UnknownOperationException'
  | 'UnsupportedMediaTypeException';

export type ValidationReason =
  | 'CannotParse'
  | 'FieldValidationFailed'
  | 'IdempotentParameterMismatchException'
  | 'ResourceConflict';

export interface FieldProblem {
  name: string;
  message: string;
}

const STATUS: Record<ErrorName, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  InternalServerException: 500,
  // Not in the model: what AWS front ends answer for a path no operation serves, and for a body of another media
  // type (the cross-site check).
  UnknownOperationException: 404,
  UnsupportedMediaTypeException: 415,
};

export class ApiError {
  constructor(
    readonly name: ErrorName,
    readonly message: string,
    readonly reason?: ValidationReason,
    readonly fieldList?: FieldProblem[],
  ) {}

  get status(): number {
    return STATUS[this.name];
  }
}

export function validationError(message: string, reason: ValidationReason = 'FieldValidationFailed', fieldList?: FieldProblem[]): ApiError {
  return new ApiError('ValidationException', message, reason, fieldList);
}

export function notFound(message: string): ApiError {
  return new ApiError('ResourceNotFoundException', message);
}

export function conflict(message: string): ApiError {
  return new ApiError('ConflictException', message);
}

export interface EncodedError {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export function encodeError(error: ApiError): EncodedError {
  const body: Record<string, unknown> = {
    __type: `com.amazonaws.bedrockagentcorecontrol#${error.name}`,
    message: error.message,
  };
  if (error.reason !== undefined) body.reason = error.reason;
  if (error.fieldList !== undefined) body.fieldList = error.fieldList;
  return { status: error.status, headers: { 'x-amzn-errortype': error.name }, body };
}

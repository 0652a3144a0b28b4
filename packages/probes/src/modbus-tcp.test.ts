import { describe, expect, it } from 'vitest';
import { ModbusError, ModbusException } from './modbus-tcp';

describe('ModbusException', () => {
  it('names the exception in English (its message) and in French', () => {
    const exception = new ModbusException(2);
    expect(exception).toBeInstanceOf(ModbusError);
    expect(exception.message).toBe('Modbus exception 2 (illegal data address)');
    expect(exception.reason('en')).toBe('Modbus exception 2 (illegal data address)');
    expect(exception.reason('fr')).toBe('exception Modbus 2 (adresse de données invalide)');
  });

  it('says so when the code is unknown', () => {
    expect(new ModbusException(99).reason('en')).toBe('Modbus exception 99 (unknown)');
    expect(new ModbusException(99).reason('fr')).toBe('exception Modbus 99 (inconnue)');
  });
});

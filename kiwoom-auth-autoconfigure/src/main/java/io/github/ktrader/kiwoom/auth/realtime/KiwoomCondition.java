package io.github.ktrader.kiwoom.auth.realtime;

/**
 * A condition (조건검색식) saved in Kiwoom's HTS, as {@code CNSRLST} lists it.
 *
 * @param seq the condition's number, used to run it
 * @param name the condition's name
 * @since 0.1.0
 */
public record KiwoomCondition(String seq, String name) {

}
